import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MenteeJourney1795737890626 implements MigrationInterface {
  name = 'MenteeJourney1795737890626';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "idempotency_keys" ("organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "request_hash" character varying(64) NOT NULL, "response_status" integer, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0b856a436eddb2cc899780fd2c2" PRIMARY KEY ("organization_id", "user_id", "key"))`,
    );
    await q.query(
      `CREATE TABLE "assessments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "author_id" uuid NOT NULL, "answers" jsonb NOT NULL, "fit" numeric(5,3) NOT NULL, "suggestion" character varying(32) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_84bf4e2968b57d694f4decda3b" CHECK (suggestion IN ('management','technical_leadership','undecided')), CONSTRAINT "CHK_74e4feac5b3bf98b779f6faa5d" CHECK (kind IN ('self','manager')), CONSTRAINT "PK_a3442bd80a00e9111cefca57f6c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_c4b2c7dcdd38c5a1758f76606a" ON "assessments"  ("organization_id", "mentee_id", "kind", "created_at") `,
    );
    await q.query(
      `CREATE TABLE "feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "author_id" uuid NOT NULL, "author_role" character varying(16) NOT NULL, "occurred_on" date NOT NULL, "visibility" character varying(16) NOT NULL, "strengths" character varying(4000), "gaps" character varying(4000), "next_steps" character varying(4000), "need_to_see" character varying(4000), "version" integer NOT NULL DEFAULT '1', "acknowledged_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_b498cc4be14749c2c594e69054" CHECK (version >= 1), CONSTRAINT "CHK_7a54080f99c382d11b18c81ba0" CHECK (author_role IN ('manager','mentor')), CONSTRAINT "CHK_857e479658c9dee4eb9c718254" CHECK (visibility IN ('shared','private')), CONSTRAINT "PK_8389f9e087a57689cd5be8b2b13" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_e7c5054cd34d7a78863efa2e75" ON "feedback"  ("organization_id", "mentee_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE INDEX "IDX_4218518a34cf0a7ee788d9c6c1" ON "feedback"  ("organization_id", "mentee_id", "occurred_on") `,
    );
    await q.query(
      `CREATE TABLE "feedback_ratings" ("feedback_id" uuid NOT NULL, "competency_key" character varying(48) NOT NULL, "organization_id" uuid NOT NULL, "rating" smallint NOT NULL, CONSTRAINT "CHK_fc6fca30ec849b97c97083379f" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_069ddc764f57d9b31d9437b034d" PRIMARY KEY ("feedback_id", "competency_key"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_cf4ea985ece077bc2a7eb6b2b3" ON "feedback_ratings"  ("organization_id", "competency_key") `,
    );
    await q.query(
      `CREATE TABLE "feedback_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "feedback_id" uuid NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "edited_by" uuid NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_75910a3c1fd8146aa4f869ab0db" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_9bf6587972a490a0a52a9f9b06" ON "feedback_revisions"  ("feedback_id", "version") `,
    );
    await q.query(
      `CREATE TABLE "organization_settings" ("organization_id" uuid NOT NULL, "weight_milestones" numeric(4,3) NOT NULL DEFAULT '0.4', "weight_competencies" numeric(4,3) NOT NULL DEFAULT '0.4', "weight_goals" numeric(4,3) NOT NULL DEFAULT '0.2', "stale_feedback_days" integer NOT NULL DEFAULT '30', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_d8c45f3e01b0ae78eb8878a93e" CHECK (stale_feedback_days BETWEEN 1 AND 365), CONSTRAINT "CHK_e960ad0eff0bf7115289b3db85" CHECK (weight_milestones >= 0 AND weight_competencies >= 0 AND weight_goals >= 0), CONSTRAINT "CHK_34e3ef196eca3147f48c64e0a1" CHECK (abs(weight_milestones + weight_competencies + weight_goals - 1) < 0.0005), CONSTRAINT "PK_5fbdacce9bdcb454877d068e355" PRIMARY KEY ("organization_id"))`,
    );
    await q.query(
      `CREATE TABLE "competencies" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" character varying(48) NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(1000) NOT NULL DEFAULT '', "category" character varying(16) NOT NULL DEFAULT 'core', "position" integer NOT NULL DEFAULT '0', "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_a27023d13e1b4125323dfebce9" CHECK (key ~ '^[a-z][a-z0-9_]{1,47}$'), CONSTRAINT "CHK_36de00529a5b30d97cb00d1990" CHECK (category IN ('core','underestimated')), CONSTRAINT "PK_0b29ecda233cc61de0d93527813" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_18b4bdeb8901451315ce488ea5" ON "competencies"  ("organization_id", "key") `,
    );
    await q.query(
      `CREATE TABLE "milestone_templates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "key" character varying(64) NOT NULL, "phase" character varying(32) NOT NULL, "title" character varying(200) NOT NULL, "description" character varying(2000) NOT NULL DEFAULT '', "required" boolean NOT NULL DEFAULT true, "position" integer NOT NULL DEFAULT '0', "retired_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_b72a6ff636bf0708a4c55fbb6f" CHECK (key ~ '^[a-z][a-z0-9_]{1,63}$'), CONSTRAINT "CHK_0b73363263159a027ce3c54fd1" CHECK (phase IN ('build_credibility','lead_without_title','first_management_role','growing_scope')), CONSTRAINT "PK_21f0bf56686b846d2b2e3a40ed8" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_14dfd0b0def2ceedfbf8ec3d7c" ON "milestone_templates"  ("organization_id", "phase", "position") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_251525f457262a8ce104f42fef" ON "milestone_templates"  ("organization_id", "key") `,
    );
    await q.query(
      `CREATE TABLE "goals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "competency_key" character varying(48) NOT NULL, "description" character varying(4000), "target_date" date, "status" character varying(16) NOT NULL DEFAULT 'open', "status_changed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_b0a6fdebb8b9f4e88d618edf58" CHECK (status IN ('open','achieved','dropped')), CONSTRAINT "PK_26e17b251afab35580dff769223" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_a17d1bc3f982ddc50d9d013dff" ON "goals"  ("organization_id", "mentee_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "goal_check_ins" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "goal_id" uuid NOT NULL, "progress" smallint NOT NULL, "note" character varying(2000), "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_ac1171e5c335c174ea6c0c8127" CHECK (progress BETWEEN 0 AND 100), CONSTRAINT "PK_2a6f644e51cc99ce3e994bb26da" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6b25300fd482afca71f8584d88" ON "goal_check_ins"  ("organization_id", "goal_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "mentee_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "template_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "evidence_text" character varying(4000), "evidence_links" character varying(500) array NOT NULL DEFAULT '{}', "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verified_by" uuid, "verified_at" TIMESTAMP WITH TIME ZONE, "revoked_by" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" character varying(1000), CONSTRAINT "CHK_a32a7a4067039ce7342a26e447" CHECK (cardinality(evidence_links) <= 10), CONSTRAINT "CHK_a1c4507c354272d4f4795b1aaf" CHECK (verified_at IS NULL OR status = 'completed'), CONSTRAINT "CHK_8ade6beed34c7d731cdb376750" CHECK (status IN ('in_progress','completed')), CONSTRAINT "PK_b39d728e3bd25117d603648374a" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_c1c2b92b7b5f0095a7d3ccf9da" ON "mentee_milestones"  ("organization_id", "mentee_id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_f6b57e4730328f4ace0cc35869" ON "mentee_milestones"  ("mentee_id", "template_id") `,
    );
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_15a2f28059f1d0e8454a82e2254" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_f939a50c1dccc5164bf1e1c6945" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assessments" ADD CONSTRAINT "FK_91234d3542fcdd6cffc7609f4b4" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_81d4381bd8e43b31c7acaea9ce7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_4a4e91c7138925f8b8d2efabdb8" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback" ADD CONSTRAINT "FK_eca17e1628324c09ec8217b9635" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_ratings" ADD CONSTRAINT "FK_9d96e9c132aa9a8203848cecc88" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_ratings" ADD CONSTRAINT "FK_5a3904329a408d18b959e9356c6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_revisions" ADD CONSTRAINT "FK_f8e95774ed1ca2193bc79d63b80" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_revisions" ADD CONSTRAINT "FK_50c44c9be8c2a016a5fc6180a58" FOREIGN KEY ("feedback_id") REFERENCES "feedback"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_revisions" ADD CONSTRAINT "FK_1ddf6f8d835758fb92044e982ac" FOREIGN KEY ("edited_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "FK_5fbdacce9bdcb454877d068e355" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "competencies" ADD CONSTRAINT "FK_fe761ba2f5c5cb056759b2c8008" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "milestone_templates" ADD CONSTRAINT "FK_c5b77bdb4b692ae543d3828f4b4" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_5e729ea2b99fa87dc1bd8e6bbc2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_d33e9b4fab7f19cad0caf0f2bb1" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goals" ADD CONSTRAINT "FK_b2a8c58bb96b42df218689f762c" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goal_check_ins" ADD CONSTRAINT "FK_37ab76fc24f1d87801b898cbb85" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goal_check_ins" ADD CONSTRAINT "FK_7569c6c8d6af7fe342c8e3f28b3" FOREIGN KEY ("goal_id") REFERENCES "goals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "goal_check_ins" ADD CONSTRAINT "FK_60d80245d300ef3dabd5ef108db" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_54b5e5aa96f33c0a30065a46ef6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_655e4e93ebaf52ae5890795d038" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_e7e6e74f4b6e8db2699566d0b46" FOREIGN KEY ("template_id") REFERENCES "milestone_templates"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_3f226da030303dcd87391f7a33c" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_0344628fc9dd8e0eb4b920dba3c" FOREIGN KEY ("verified_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_milestones" ADD CONSTRAINT "FK_7bfd48e53b65ea40b388f99cc84" FOREIGN KEY ("revoked_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_7bfd48e53b65ea40b388f99cc84"`);
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_0344628fc9dd8e0eb4b920dba3c"`);
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_3f226da030303dcd87391f7a33c"`);
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_e7e6e74f4b6e8db2699566d0b46"`);
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_655e4e93ebaf52ae5890795d038"`);
    await q.query(`ALTER TABLE "mentee_milestones" DROP CONSTRAINT "FK_54b5e5aa96f33c0a30065a46ef6"`);
    await q.query(`ALTER TABLE "goal_check_ins" DROP CONSTRAINT "FK_60d80245d300ef3dabd5ef108db"`);
    await q.query(`ALTER TABLE "goal_check_ins" DROP CONSTRAINT "FK_7569c6c8d6af7fe342c8e3f28b3"`);
    await q.query(`ALTER TABLE "goal_check_ins" DROP CONSTRAINT "FK_37ab76fc24f1d87801b898cbb85"`);
    await q.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_b2a8c58bb96b42df218689f762c"`);
    await q.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_d33e9b4fab7f19cad0caf0f2bb1"`);
    await q.query(`ALTER TABLE "goals" DROP CONSTRAINT "FK_5e729ea2b99fa87dc1bd8e6bbc2"`);
    await q.query(`ALTER TABLE "milestone_templates" DROP CONSTRAINT "FK_c5b77bdb4b692ae543d3828f4b4"`);
    await q.query(`ALTER TABLE "competencies" DROP CONSTRAINT "FK_fe761ba2f5c5cb056759b2c8008"`);
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "FK_5fbdacce9bdcb454877d068e355"`);
    await q.query(`ALTER TABLE "feedback_revisions" DROP CONSTRAINT "FK_1ddf6f8d835758fb92044e982ac"`);
    await q.query(`ALTER TABLE "feedback_revisions" DROP CONSTRAINT "FK_50c44c9be8c2a016a5fc6180a58"`);
    await q.query(`ALTER TABLE "feedback_revisions" DROP CONSTRAINT "FK_f8e95774ed1ca2193bc79d63b80"`);
    await q.query(`ALTER TABLE "feedback_ratings" DROP CONSTRAINT "FK_5a3904329a408d18b959e9356c6"`);
    await q.query(`ALTER TABLE "feedback_ratings" DROP CONSTRAINT "FK_9d96e9c132aa9a8203848cecc88"`);
    await q.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_eca17e1628324c09ec8217b9635"`);
    await q.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_4a4e91c7138925f8b8d2efabdb8"`);
    await q.query(`ALTER TABLE "feedback" DROP CONSTRAINT "FK_81d4381bd8e43b31c7acaea9ce7"`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_91234d3542fcdd6cffc7609f4b4"`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_f939a50c1dccc5164bf1e1c6945"`);
    await q.query(`ALTER TABLE "assessments" DROP CONSTRAINT "FK_15a2f28059f1d0e8454a82e2254"`);
    await q.query(`DROP INDEX "public"."IDX_f6b57e4730328f4ace0cc35869"`);
    await q.query(`DROP INDEX "public"."IDX_c1c2b92b7b5f0095a7d3ccf9da"`);
    await q.query(`DROP TABLE "mentee_milestones"`);
    await q.query(`DROP INDEX "public"."IDX_6b25300fd482afca71f8584d88"`);
    await q.query(`DROP TABLE "goal_check_ins"`);
    await q.query(`DROP INDEX "public"."IDX_a17d1bc3f982ddc50d9d013dff"`);
    await q.query(`DROP TABLE "goals"`);
    await q.query(`DROP INDEX "public"."IDX_251525f457262a8ce104f42fef"`);
    await q.query(`DROP INDEX "public"."IDX_14dfd0b0def2ceedfbf8ec3d7c"`);
    await q.query(`DROP TABLE "milestone_templates"`);
    await q.query(`DROP INDEX "public"."IDX_18b4bdeb8901451315ce488ea5"`);
    await q.query(`DROP TABLE "competencies"`);
    await q.query(`DROP TABLE "organization_settings"`);
    await q.query(`DROP INDEX "public"."IDX_9bf6587972a490a0a52a9f9b06"`);
    await q.query(`DROP TABLE "feedback_revisions"`);
    await q.query(`DROP INDEX "public"."IDX_cf4ea985ece077bc2a7eb6b2b3"`);
    await q.query(`DROP TABLE "feedback_ratings"`);
    await q.query(`DROP INDEX "public"."IDX_4218518a34cf0a7ee788d9c6c1"`);
    await q.query(`DROP INDEX "public"."IDX_e7c5054cd34d7a78863efa2e75"`);
    await q.query(`DROP TABLE "feedback"`);
    await q.query(`DROP INDEX "public"."IDX_c4b2c7dcdd38c5a1758f76606a"`);
    await q.query(`DROP TABLE "assessments"`);
    await q.query(`DROP TABLE "idempotency_keys"`);
  }
}
