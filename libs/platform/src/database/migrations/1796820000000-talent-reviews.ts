import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'talent_reviews',
  'talent_review_calibrators',
  'talent_nominations',
  'talent_nomination_requests',
  'talent_pre_ratings',
  'talent_pre_rating_competencies',
  'talent_decisions',
];

/**
 * Talent reviews: cycles and their calibrators, nominations with their frozen packets, the
 * mentees' requests to be nominated, calibrators' blind pre-ratings, and HR's decisions. Tenant data
 * like any other (forced row-level security); a decision is never changed, only superseded.
 */
export class TalentReviews1796820000000 implements MigrationInterface {
  name = 'TalentReviews1796820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "talent_reviews" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "target_phase" character varying(32) NOT NULL, "department" character varying(100), "closes_on" date NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'open', "pre_rating_closed_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_c5079d0a24525718285eb47ea2" CHECK (target_phase IN ('lead_without_title','first_management_role','growing_scope')), CONSTRAINT "CHK_d6c1d38345e7f9e9df9a90a57c" CHECK (status IN ('open','closed')), CONSTRAINT "PK_c3accaa412132b349bb720893a6" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_e5e9a95b23e8cc18116e4be4ef" ON "talent_reviews"  ("organization_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "talent_review_calibrators" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "user_id" uuid NOT NULL, CONSTRAINT "PK_c70fdf3f33130626f2101fc9081" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_949065491dd0329aeb4e503e55" ON "talent_review_calibrators"  ("review_id", "user_id") `,
    );
    await q.query(
      `CREATE TABLE "talent_nominations" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "mentee_id" uuid NOT NULL, "review_id" uuid NOT NULL, "nominated_by" uuid, "case" character varying(8000) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'submitted', "packet" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_abb664109c3e1f4a46644b877f" CHECK (status IN ('submitted','promote','not_yet','withdrawn')), CONSTRAINT "PK_8afca9bc904020d20842c7fa4c2" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6ddf2dda982c873de70349d567" ON "talent_nominations"  ("organization_id", "review_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_ae6e47b136fd38ed7222eeec21" ON "talent_nominations"  ("review_id", "mentee_id") `,
    );
    await q.query(
      `CREATE TABLE "talent_nomination_requests" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "mentee_id" uuid NOT NULL, "review_id" uuid NOT NULL, "note" character varying(2000), "status" character varying(16) NOT NULL DEFAULT 'pending', "reason" character varying(2000), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "nomination_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_00c992d403fb8126ba6e217ea9" CHECK (status IN ('pending','accepted','declined')), CONSTRAINT "PK_6136684e6a343ce271c303dacb9" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_13d8ff6bae6bf21cdaa5846aa1" ON "talent_nomination_requests"  ("organization_id", "review_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_6e569332b6683a48366c882729" ON "talent_nomination_requests"  ("review_id", "mentee_id") `,
    );
    await q.query(
      `CREATE TABLE "talent_pre_ratings" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "review_id" uuid NOT NULL, "nomination_id" uuid NOT NULL, "calibrator_id" uuid NOT NULL, "readiness" character varying(24) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_97d589b366edb25ab1ca205292" CHECK (readiness IN ('not_yet','ready_in_6_12_months','ready_now')), CONSTRAINT "PK_3888af5dc74a28a3fdabd09a39c" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_1e1091d93e5ccefc506802c65c" ON "talent_pre_ratings"  ("nomination_id", "calibrator_id") `,
    );
    await q.query(
      `CREATE TABLE "talent_pre_rating_competencies" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "pre_rating_id" uuid NOT NULL, "competency_key" character varying(48) NOT NULL, "rating" smallint NOT NULL, CONSTRAINT "CHK_9a4992d53adc40b2849e508a4c" CHECK (rating BETWEEN 1 AND 5), CONSTRAINT "PK_c7234fdb0308bca846e9e2409da" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE UNIQUE INDEX "IDX_7d485d084c1464a535a85cbbef" ON "talent_pre_rating_competencies"  ("pre_rating_id", "competency_key") `,
    );
    await q.query(
      `CREATE TABLE "talent_decisions" ("organization_id" uuid NOT NULL, "id" uuid NOT NULL DEFAULT gen_random_uuid(), "nomination_id" uuid NOT NULL, "decision" character varying(16) NOT NULL, "reason" character varying(4000) NOT NULL, "evidence" jsonb NOT NULL, "needed" jsonb NOT NULL DEFAULT '[]', "rubric_version" character varying(32) NOT NULL, "granted_manager_role" boolean NOT NULL DEFAULT false, "supersedes_id" uuid, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "REL_ad0352656c5770d516298d0b25" UNIQUE ("supersedes_id"), CONSTRAINT "CHK_103ba6894f1a2a4c0bd4ba83b3" CHECK (decision IN ('promote','not_yet','withdrawn')), CONSTRAINT "PK_2e1fd9a53ce5dd197524e862740" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_6fe6e9633580c05a8dde45ff27" ON "talent_decisions"  ("organization_id", "nomination_id", "decided_at", "id") `,
    );
    await q.query(
      `ALTER TABLE "talent_reviews" ADD CONSTRAINT "FK_25b6e078ce9ad1a3c805b093ef2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_reviews" ADD CONSTRAINT "FK_5b885330b55957235a1eda8f567" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_review_calibrators" ADD CONSTRAINT "FK_e2e6a56a4e4c23e225bbf40ab1e" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_review_calibrators" ADD CONSTRAINT "FK_dc04ea1657345a77adab0cbfaa2" FOREIGN KEY ("review_id") REFERENCES "talent_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_review_calibrators" ADD CONSTRAINT "FK_cdf7c372ddc9ba2202d1de1a9d1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nominations" ADD CONSTRAINT "FK_ec348b4841c3163826b9276a6da" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nominations" ADD CONSTRAINT "FK_f10f97601ccef0ba92e1f6b65c7" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nominations" ADD CONSTRAINT "FK_cc3565fa22462982dc8ef82299e" FOREIGN KEY ("review_id") REFERENCES "talent_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nominations" ADD CONSTRAINT "FK_12e58674be43f3defa9af749e74" FOREIGN KEY ("nominated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nomination_requests" ADD CONSTRAINT "FK_b5d107c370d345ee0b415c1c1b5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nomination_requests" ADD CONSTRAINT "FK_b2eddf1b9948bb46990c3d3f776" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nomination_requests" ADD CONSTRAINT "FK_7a97520c306bedca2cb75276aa4" FOREIGN KEY ("review_id") REFERENCES "talent_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nomination_requests" ADD CONSTRAINT "FK_fa5820f16ad6964237fc01f0fac" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_nomination_requests" ADD CONSTRAINT "FK_211fa52a5ee8b8234ba5bbae2b3" FOREIGN KEY ("nomination_id") REFERENCES "talent_nominations"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_ratings" ADD CONSTRAINT "FK_9a4f8b1b63479d8fd6a3a5ce880" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_ratings" ADD CONSTRAINT "FK_643386570a4e021064b7e0f4777" FOREIGN KEY ("review_id") REFERENCES "talent_reviews"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_ratings" ADD CONSTRAINT "FK_9df2f11a92ede4b1221a30d5f26" FOREIGN KEY ("nomination_id") REFERENCES "talent_nominations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_ratings" ADD CONSTRAINT "FK_d60cfb5447b26d5a9081fdf3567" FOREIGN KEY ("calibrator_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_rating_competencies" ADD CONSTRAINT "FK_3c41a98e2695e6cb341d87e32dd" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_pre_rating_competencies" ADD CONSTRAINT "FK_061573b38adc7206c920337e22f" FOREIGN KEY ("pre_rating_id") REFERENCES "talent_pre_ratings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_decisions" ADD CONSTRAINT "FK_0c372fc99b2ec538a93ab97f56d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_decisions" ADD CONSTRAINT "FK_507f1f15bd4c3a56734b50a2176" FOREIGN KEY ("nomination_id") REFERENCES "talent_nominations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_decisions" ADD CONSTRAINT "FK_ad0352656c5770d516298d0b25a" FOREIGN KEY ("supersedes_id") REFERENCES "talent_decisions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "talent_decisions" ADD CONSTRAINT "FK_934ded64b7e13921eb7f765cb22" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    for (const table of TABLES) {
      await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${table} TO leadpath_app`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    await q.query(`
      CREATE FUNCTION talent_decisions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'talent decisions are never changed; record a new one that supersedes it'
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER talent_decisions_no_update BEFORE UPDATE ON talent_decisions
      FOR EACH ROW EXECUTE FUNCTION talent_decisions_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER talent_decisions_no_update ON talent_decisions');
    await q.query('DROP FUNCTION talent_decisions_immutable()');
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`ALTER TABLE "talent_decisions" DROP CONSTRAINT "FK_934ded64b7e13921eb7f765cb22"`);
    await q.query(`ALTER TABLE "talent_decisions" DROP CONSTRAINT "FK_ad0352656c5770d516298d0b25a"`);
    await q.query(`ALTER TABLE "talent_decisions" DROP CONSTRAINT "FK_507f1f15bd4c3a56734b50a2176"`);
    await q.query(`ALTER TABLE "talent_decisions" DROP CONSTRAINT "FK_0c372fc99b2ec538a93ab97f56d"`);
    await q.query(`ALTER TABLE "talent_pre_rating_competencies" DROP CONSTRAINT "FK_061573b38adc7206c920337e22f"`);
    await q.query(`ALTER TABLE "talent_pre_rating_competencies" DROP CONSTRAINT "FK_3c41a98e2695e6cb341d87e32dd"`);
    await q.query(`ALTER TABLE "talent_pre_ratings" DROP CONSTRAINT "FK_d60cfb5447b26d5a9081fdf3567"`);
    await q.query(`ALTER TABLE "talent_pre_ratings" DROP CONSTRAINT "FK_9df2f11a92ede4b1221a30d5f26"`);
    await q.query(`ALTER TABLE "talent_pre_ratings" DROP CONSTRAINT "FK_643386570a4e021064b7e0f4777"`);
    await q.query(`ALTER TABLE "talent_pre_ratings" DROP CONSTRAINT "FK_9a4f8b1b63479d8fd6a3a5ce880"`);
    await q.query(`ALTER TABLE "talent_nomination_requests" DROP CONSTRAINT "FK_211fa52a5ee8b8234ba5bbae2b3"`);
    await q.query(`ALTER TABLE "talent_nomination_requests" DROP CONSTRAINT "FK_fa5820f16ad6964237fc01f0fac"`);
    await q.query(`ALTER TABLE "talent_nomination_requests" DROP CONSTRAINT "FK_7a97520c306bedca2cb75276aa4"`);
    await q.query(`ALTER TABLE "talent_nomination_requests" DROP CONSTRAINT "FK_b2eddf1b9948bb46990c3d3f776"`);
    await q.query(`ALTER TABLE "talent_nomination_requests" DROP CONSTRAINT "FK_b5d107c370d345ee0b415c1c1b5"`);
    await q.query(`ALTER TABLE "talent_nominations" DROP CONSTRAINT "FK_12e58674be43f3defa9af749e74"`);
    await q.query(`ALTER TABLE "talent_nominations" DROP CONSTRAINT "FK_cc3565fa22462982dc8ef82299e"`);
    await q.query(`ALTER TABLE "talent_nominations" DROP CONSTRAINT "FK_f10f97601ccef0ba92e1f6b65c7"`);
    await q.query(`ALTER TABLE "talent_nominations" DROP CONSTRAINT "FK_ec348b4841c3163826b9276a6da"`);
    await q.query(`ALTER TABLE "talent_review_calibrators" DROP CONSTRAINT "FK_cdf7c372ddc9ba2202d1de1a9d1"`);
    await q.query(`ALTER TABLE "talent_review_calibrators" DROP CONSTRAINT "FK_dc04ea1657345a77adab0cbfaa2"`);
    await q.query(`ALTER TABLE "talent_review_calibrators" DROP CONSTRAINT "FK_e2e6a56a4e4c23e225bbf40ab1e"`);
    await q.query(`ALTER TABLE "talent_reviews" DROP CONSTRAINT "FK_5b885330b55957235a1eda8f567"`);
    await q.query(`ALTER TABLE "talent_reviews" DROP CONSTRAINT "FK_25b6e078ce9ad1a3c805b093ef2"`);
    await q.query(`DROP INDEX "public"."IDX_6fe6e9633580c05a8dde45ff27"`);
    await q.query(`DROP TABLE "talent_decisions"`);
    await q.query(`DROP INDEX "public"."IDX_7d485d084c1464a535a85cbbef"`);
    await q.query(`DROP TABLE "talent_pre_rating_competencies"`);
    await q.query(`DROP INDEX "public"."IDX_1e1091d93e5ccefc506802c65c"`);
    await q.query(`DROP TABLE "talent_pre_ratings"`);
    await q.query(`DROP INDEX "public"."IDX_6e569332b6683a48366c882729"`);
    await q.query(`DROP INDEX "public"."IDX_13d8ff6bae6bf21cdaa5846aa1"`);
    await q.query(`DROP TABLE "talent_nomination_requests"`);
    await q.query(`DROP INDEX "public"."IDX_ae6e47b136fd38ed7222eeec21"`);
    await q.query(`DROP INDEX "public"."IDX_6ddf2dda982c873de70349d567"`);
    await q.query(`DROP TABLE "talent_nominations"`);
    await q.query(`DROP INDEX "public"."IDX_949065491dd0329aeb4e503e55"`);
    await q.query(`DROP TABLE "talent_review_calibrators"`);
    await q.query(`DROP INDEX "public"."IDX_e5e9a95b23e8cc18116e4be4ef"`);
    await q.query(`DROP TABLE "talent_reviews"`);
  }
}
