import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The readiness read model summed per team (see ReadinessTeamCellEntity), under row-level security
 * like every tenant table, filled from the rows as they stand; from here on the read model's
 * refresh keeps it in step in the statement that writes the rows.
 */
export class ReadinessTeamCells1796100000000 implements MigrationInterface {
  name = 'ReadinessTeamCells1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "readiness_team_cells" ("organization_id" uuid NOT NULL, "manager_id" uuid NOT NULL, "department_key" character varying(101) NOT NULL, "kind" character varying(8) NOT NULL, "key" character varying(48) NOT NULL, "department" character varying(100), "mentees" integer NOT NULL, "rated" integer NOT NULL, "total" numeric NOT NULL, CONSTRAINT "PK_6a8afa7d943f9773769c823810f" PRIMARY KEY ("organization_id", "manager_id", "department_key", "kind", "key"))`,
    );
    await q.query(
      `ALTER TABLE "readiness_team_cells" ADD CONSTRAINT "FK_9c747f72579c3ed5c504dd06c63" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON readiness_team_cells TO leadpath_app`);
    await q.query(`ALTER TABLE readiness_team_cells ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE readiness_team_cells FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY tenant_isolation ON readiness_team_cells TO leadpath_app
         USING (organization_id = leadpath_current_organization())
         WITH CHECK (organization_id = leadpath_current_organization())`,
    );
    await q.query(`CREATE POLICY system_access ON readiness_team_cells TO CURRENT_USER USING (true) WITH CHECK (true)`);
    await q.query(`
      INSERT INTO readiness_team_cells (organization_id, manager_id, department_key, kind, key, department, mentees, rated, total)
      SELECT r.organization_id, r.manager_id, CASE WHEN r.department IS NULL THEN '' ELSE '=' || r.department END, 'mean', e.key,
             r.department, count(*), count(e.value), COALESCE(sum(e.value::numeric), 0)
        FROM mentee_readiness r, jsonb_each_text(r.means) e
       GROUP BY r.organization_id, r.manager_id, r.department, e.key
      UNION ALL
      SELECT r.organization_id, r.manager_id, CASE WHEN r.department IS NULL THEN '' ELSE '=' || r.department END, 'missing', u::text,
             r.department, count(*), 0, 0
        FROM mentee_readiness r, unnest(r.unverified) u
       GROUP BY r.organization_id, r.manager_id, r.department, u`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY system_access ON readiness_team_cells`);
    await q.query(`DROP POLICY tenant_isolation ON readiness_team_cells`);
    await q.query(`REVOKE ALL ON readiness_team_cells FROM leadpath_app`);
    await q.query(`ALTER TABLE "readiness_team_cells" DROP CONSTRAINT "FK_9c747f72579c3ed5c504dd06c63"`);
    await q.query(`DROP TABLE "readiness_team_cells"`);
  }
}
