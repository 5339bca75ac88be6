import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = ['mentee_readiness', 'readiness_generations'];

/**
 * The readiness read model (see MenteeReadinessEntity), under row-level security like every
 * tenant table. Mentees that exist already get a placeholder row marked pending (generation −1,
 * expired), which the background recompute replaces with the definition's value.
 */
export class ReadinessReadModel1796057519443 implements MigrationInterface {
  name = 'ReadinessReadModel1796057519443';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "mentee_readiness" ("mentee_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "user_id" uuid NOT NULL, "manager_id" uuid NOT NULL, "mentor_id" uuid, "department" character varying(100), "track" character varying(32) NOT NULL, "phase" character varying(32) NOT NULL, "score" smallint NOT NULL, "level" character varying(16) NOT NULL, "m" numeric NOT NULL, "c" numeric NOT NULL, "g" numeric NOT NULL, "verified" integer NOT NULL, "required" integer NOT NULL, "competencies_rated" integer NOT NULL, "competencies_total" integer NOT NULL, "achieved_goals" integer NOT NULL, "open_goals" integer NOT NULL, "overdue_goals" integer NOT NULL, "awaiting_goals" integer NOT NULL DEFAULT '0', "means" jsonb NOT NULL, "unverified" uuid array NOT NULL, "last_shared_on" date, "stale" boolean NOT NULL, "self_suggestion" character varying(32), "generation" bigint NOT NULL, "as_of" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d24fd36a7f8d8506ab4b7a99012" PRIMARY KEY ("mentee_id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_b98f9310b98e669814ed4cabbd" ON "mentee_readiness"  ("organization_id", "valid_until") `,
    );
    await q.query(
      `CREATE INDEX "IDX_0b10b6d26fca6236137c6e26a0" ON "mentee_readiness"  ("organization_id", "generation") `,
    );
    await q.query(
      `CREATE INDEX "IDX_ecc4554c0e42de700a1902c47d" ON "mentee_readiness"  ("organization_id", "last_shared_on") `,
    );
    await q.query(`CREATE INDEX "IDX_a99a206b3f60ff92dc4d2d2a13" ON "mentee_readiness"  ("organization_id", "level") `);
    await q.query(
      `CREATE INDEX "IDX_62db503005f32ceb781eda2b92" ON "mentee_readiness"  ("organization_id", "name", "mentee_id") `,
    );
    await q.query(
      `CREATE TABLE "readiness_generations" ("organization_id" uuid NOT NULL, "generation" bigint NOT NULL DEFAULT '0', "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8707042ace03f0554c289d2b39b" PRIMARY KEY ("organization_id"))`,
    );
    await q.query(
      `ALTER TABLE "mentee_readiness" ADD CONSTRAINT "FK_d24fd36a7f8d8506ab4b7a99012" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "mentee_readiness" ADD CONSTRAINT "FK_31d395882bf0b5404e8a6806d6d" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "readiness_generations" ADD CONSTRAINT "FK_8707042ace03f0554c289d2b39b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ${TABLES.join(', ')} TO leadpath_app`);
    for (const table of TABLES) {
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
      INSERT INTO mentee_readiness (mentee_id, organization_id, name, user_id, manager_id, mentor_id, department, track,
                                    phase, score, level, m, c, g, verified, required, competencies_rated,
                                    competencies_total, achieved_goals, open_goals, overdue_goals, means, unverified,
                                    stale, generation, as_of, valid_until)
      SELECT m.id, m.organization_id, u.name, m.user_id, m.manager_id, m.mentor_id, m.department, m.track,
             m.phase, 0, 'not_yet', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '{}', '{}', true, -1, '-infinity', '-infinity'
        FROM mentees m JOIN users u ON u.id = m.user_id`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
    }
    await q.query(`REVOKE ALL ON ${TABLES.join(', ')} FROM leadpath_app`);
    await q.query(`ALTER TABLE "readiness_generations" DROP CONSTRAINT "FK_8707042ace03f0554c289d2b39b"`);
    await q.query(`ALTER TABLE "mentee_readiness" DROP CONSTRAINT "FK_31d395882bf0b5404e8a6806d6d"`);
    await q.query(`ALTER TABLE "mentee_readiness" DROP CONSTRAINT "FK_d24fd36a7f8d8506ab4b7a99012"`);
    await q.query(`DROP TABLE "readiness_generations"`);
    await q.query(`DROP INDEX "public"."IDX_62db503005f32ceb781eda2b92"`);
    await q.query(`DROP INDEX "public"."IDX_a99a206b3f60ff92dc4d2d2a13"`);
    await q.query(`DROP INDEX "public"."IDX_ecc4554c0e42de700a1902c47d"`);
    await q.query(`DROP INDEX "public"."IDX_0b10b6d26fca6236137c6e26a0"`);
    await q.query(`DROP INDEX "public"."IDX_b98f9310b98e669814ed4cabbd"`);
    await q.query(`DROP TABLE "mentee_readiness"`);
  }
}
