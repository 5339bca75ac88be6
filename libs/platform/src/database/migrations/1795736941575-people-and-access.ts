import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeopleAndAccess1795736941575 implements MigrationInterface {
  name = 'PeopleAndAccess1795736941575';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "actor_id" uuid, "action" character varying(64) NOT NULL, "object_type" character varying(40) NOT NULL, "object_id" uuid, "outcome" character varying(16) NOT NULL DEFAULT 'success', "request_id" character varying(64), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE INDEX "IDX_ab8f7160bf3f8c889447dcc1ce" ON "audit_events"  ("organization_id", "actor_id") `);
    await q.query(
      `CREATE INDEX "IDX_6622ee30be454bbeacb377fe7a" ON "audit_events"  ("organization_id", "object_type", "object_id") `,
    );
    await q.query(
      `CREATE INDEX "IDX_8c58ac9ecc6fab398a29b80bf6" ON "audit_events"  ("organization_id", "occurred_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "login_throttle" ("key" character varying(300) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_14c03bac82292a8310c54cb98d0" PRIMARY KEY ("key"))`,
    );
    await q.query(
      `CREATE TABLE "mentees" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "manager_id" uuid NOT NULL, "mentor_id" uuid, "phase" character varying(32) NOT NULL DEFAULT 'build_credibility', "track" character varying(32) NOT NULL DEFAULT 'undecided', "department" character varying(100), "technical_foundation" character varying(40), "career_start_date" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_128a01821a18cfccf16bec124c" CHECK (manager_id <> user_id), CONSTRAINT "CHK_cbc859e426747bcd3a129d154b" CHECK (mentor_id IS NULL OR (mentor_id <> manager_id AND mentor_id <> user_id)), CONSTRAINT "CHK_23962788eb789327818ff2ad1f" CHECK (technical_foundation IN ('system_administration','network_engineering','security_operations','software_development','cloud_engineering')), CONSTRAINT "CHK_94de284a420e706c04f255ffa9" CHECK (track IN ('management','technical_leadership','undecided')), CONSTRAINT "CHK_9dd43513dcf39f1d5009d165bc" CHECK (phase IN ('build_credibility','lead_without_title','first_management_role','growing_scope')), CONSTRAINT "PK_f42631d200f882b557b599f08d8" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_6599e6179e3b225d4079f3913f" ON "mentees"  ("user_id") `);
    await q.query(`CREATE INDEX "IDX_5165eee5c13466d6acd6c7a0fe" ON "mentees"  ("organization_id", "mentor_id") `);
    await q.query(`CREATE INDEX "IDX_8c867ef088a0c093aca74bfbd4" ON "mentees"  ("organization_id", "manager_id") `);
    await q.query(
      `CREATE INDEX "IDX_e4ba5fd1d486c00909a193f805" ON "mentees"  ("organization_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "phase_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "from_phase" character varying(32), "to_phase" character varying(32) NOT NULL, "changed_by" uuid NOT NULL, "note" character varying(1000), "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3af347206c1cf5647ecd3acb622" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_12c89d3cdb167c750d55606ce7" ON "phase_changes"  ("organization_id", "mentee_id", "changed_at") `,
    );
    await q.query(
      `CREATE TABLE "organizations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6b031fcd0863e3f6b44230163f9" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" text NOT NULL, "roles" character varying(16) array NOT NULL, "active" boolean NOT NULL DEFAULT true, "token_version" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_1c030e09a423f3dc3f5ba0cdef" CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['hr_admin','manager','mentee']::varchar[]), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users"  ("email") `);
    await q.query(`CREATE INDEX "IDX_15fc40f918eaf52fd8d54e7a08" ON "users"  ("organization_id", "created_at", "id") `);
    await q.query(
      `ALTER TABLE "mentees" ADD CONSTRAINT "FK_4c2f53453068ffa26751bed9fa5" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentees" ADD CONSTRAINT "FK_6599e6179e3b225d4079f3913f9" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentees" ADD CONSTRAINT "FK_a36bed529e4ca008481315dd317" FOREIGN KEY ("manager_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentees" ADD CONSTRAINT "FK_52ba6be369f00733ada30c15f29" FOREIGN KEY ("mentor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "phase_changes" ADD CONSTRAINT "FK_ec5c2db83351a561ca6c3b3feb9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "phase_changes" ADD CONSTRAINT "FK_af4338f72c17dc269cbb10f0ad3" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "phase_changes" ADD CONSTRAINT "FK_7f75deebfd3cd12af654469777a" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_21a659804ed7bf61eb91688dea7" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_21a659804ed7bf61eb91688dea7"`);
    await q.query(`ALTER TABLE "phase_changes" DROP CONSTRAINT "FK_7f75deebfd3cd12af654469777a"`);
    await q.query(`ALTER TABLE "phase_changes" DROP CONSTRAINT "FK_af4338f72c17dc269cbb10f0ad3"`);
    await q.query(`ALTER TABLE "phase_changes" DROP CONSTRAINT "FK_ec5c2db83351a561ca6c3b3feb9"`);
    await q.query(`ALTER TABLE "mentees" DROP CONSTRAINT "FK_52ba6be369f00733ada30c15f29"`);
    await q.query(`ALTER TABLE "mentees" DROP CONSTRAINT "FK_a36bed529e4ca008481315dd317"`);
    await q.query(`ALTER TABLE "mentees" DROP CONSTRAINT "FK_6599e6179e3b225d4079f3913f9"`);
    await q.query(`ALTER TABLE "mentees" DROP CONSTRAINT "FK_4c2f53453068ffa26751bed9fa5"`);
    await q.query(`DROP INDEX "public"."IDX_15fc40f918eaf52fd8d54e7a08"`);
    await q.query(`DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"`);
    await q.query(`DROP TABLE "users"`);
    await q.query(`DROP TABLE "organizations"`);
    await q.query(`DROP INDEX "public"."IDX_12c89d3cdb167c750d55606ce7"`);
    await q.query(`DROP TABLE "phase_changes"`);
    await q.query(`DROP INDEX "public"."IDX_e4ba5fd1d486c00909a193f805"`);
    await q.query(`DROP INDEX "public"."IDX_8c867ef088a0c093aca74bfbd4"`);
    await q.query(`DROP INDEX "public"."IDX_5165eee5c13466d6acd6c7a0fe"`);
    await q.query(`DROP INDEX "public"."IDX_6599e6179e3b225d4079f3913f"`);
    await q.query(`DROP TABLE "mentees"`);
    await q.query(`DROP TABLE "login_throttle"`);
    await q.query(`DROP INDEX "public"."IDX_8c58ac9ecc6fab398a29b80bf6"`);
    await q.query(`DROP INDEX "public"."IDX_6622ee30be454bbeacb377fe7a"`);
    await q.query(`DROP INDEX "public"."IDX_ab8f7160bf3f8c889447dcc1ce"`);
    await q.query(`DROP TABLE "audit_events"`);
  }
}
