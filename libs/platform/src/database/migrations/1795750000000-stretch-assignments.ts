import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The application's rights on each new table; led responses are written once and never changed. */
const GRANTS: [table: string, privileges: string][] = [
  ['assignments', 'SELECT, INSERT, UPDATE'],
  ['feedback_requests', 'SELECT, INSERT, UPDATE'],
  ['led_responses', 'SELECT, INSERT'],
];

/**
 * Stretch assignments, the single-use feedback requests about them and the anonymous answers,
 * under row-level security like every tenant table (see RowLevelSecurity1795740000000).
 */
export class StretchAssignments1795750000000 implements MigrationInterface {
  name = 'StretchAssignments1795750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "mentee_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "description" character varying(4000), "competency_keys" character varying(48) array NOT NULL, "milestone_template_id" uuid, "starts_on" date NOT NULL, "ends_on" date, "status" character varying(16) NOT NULL DEFAULT 'planned', "status_changed_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_41d1bc3cb9a2e2241998dce029" CHECK (ends_on IS NULL OR ends_on >= starts_on), CONSTRAINT "CHK_6ab9ce567dd1fb9ab79d91f54a" CHECK (cardinality(competency_keys) BETWEEN 1 AND 8), CONSTRAINT "CHK_72efdcc15080a9bdb5d46a9145" CHECK (status IN ('planned','active','completed')), CONSTRAINT "CHK_e81aa85560c24e9de9f2ba9efc" CHECK (kind IN ('lead_project','mentor_junior','run_meetings','represent_team','own_initiative','other')), CONSTRAINT "PK_c54ca359535e0012b04dcbd80ee" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_160e1adfe98fb1a316c540078d" ON "assignments"  ("organization_id", "mentee_id", "created_at", "id") `,
    );
    await q.query(
      `CREATE TABLE "feedback_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "respondent_user_id" uuid, "email" character varying(254) NOT NULL, "email_key" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "token_hash" character varying(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "answered" boolean NOT NULL DEFAULT false, "reminders_sent" smallint NOT NULL DEFAULT '0', "requested_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4fceb8b13258b93add53a14d967" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_ed58af59177a1a2f7663530fd5" ON "feedback_requests"  ("organization_id", "respondent_user_id") `,
    );
    await q.query(`CREATE UNIQUE INDEX "IDX_7f621349ab48d296cbd1d53866" ON "feedback_requests"  ("token_hash") `);
    await q.query(
      `CREATE UNIQUE INDEX "IDX_5a38039087364941442e7cab02" ON "feedback_requests"  ("organization_id", "assignment_id", "email_key") `,
    );
    await q.query(
      `CREATE TABLE "led_responses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "assignment_id" uuid NOT NULL, "ratings" jsonb NOT NULL, "went_well" character varying(2000), "could_help" character varying(2000), CONSTRAINT "PK_13baae4cd624200623af00aba71" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "IDX_ab11aba462fb13250cbe7628ba" ON "led_responses"  ("organization_id", "assignment_id") `,
    );
    await q.query(`ALTER TABLE "organization_settings" ADD "led_feedback_threshold" integer NOT NULL DEFAULT '3'`);
    await q.query(
      `ALTER TABLE "organization_settings" ADD CONSTRAINT "CHK_4522daedf2afee660840427591" CHECK (led_feedback_threshold BETWEEN 3 AND 50)`,
    );
    await q.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_52d5e90e08abee4d047fc0cf513" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_90e914e49d91887da9f0dc466ff" FOREIGN KEY ("mentee_id") REFERENCES "mentees"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_9a0beddf58a3b30eee2c1905c92" FOREIGN KEY ("milestone_template_id") REFERENCES "milestone_templates"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "assignments" ADD CONSTRAINT "FK_03fa66c20619cbc55aa4ebc69bd" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "FK_a3c410a6c91b505a2f566fef334" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "FK_95cf8790dc73bc139965adbd265" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "FK_d341142a683a69c0a79ffcdb4ed" FOREIGN KEY ("respondent_user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "feedback_requests" ADD CONSTRAINT "FK_17e5ffe3d01261e087a74bd224b" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "led_responses" ADD CONSTRAINT "FK_28a71064b747e038b34f4c986c1" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await q.query(
      `ALTER TABLE "led_responses" ADD CONSTRAINT "FK_a9b1884c512e76b40d64afe9159" FOREIGN KEY ("assignment_id") REFERENCES "assignments"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    for (const [table, privileges] of GRANTS) {
      await q.query(`GRANT ${privileges} ON ${table} TO leadpath_app`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY tenant_isolation ON ${table} TO leadpath_app
           USING (organization_id = leadpath_current_organization())
           WITH CHECK (organization_id = leadpath_current_organization())`,
      );
      await q.query(`CREATE POLICY system_access ON ${table} TO CURRENT_USER USING (true) WITH CHECK (true)`);
    }
    // assignments.link (SYSTEM_OPERATIONS): a link's token hash names its organization, and nothing more.
    await q.query('GRANT SELECT (organization_id, token_hash) ON feedback_requests TO leadpath_system');
    await q.query('CREATE POLICY system_lookup ON feedback_requests FOR SELECT TO leadpath_system USING (true)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP POLICY system_lookup ON feedback_requests');
    await q.query('REVOKE ALL ON feedback_requests FROM leadpath_system');
    for (const [table] of GRANTS) {
      await q.query(`DROP POLICY system_access ON ${table}`);
      await q.query(`DROP POLICY tenant_isolation ON ${table}`);
      await q.query(`REVOKE ALL ON ${table} FROM leadpath_app`);
    }
    await q.query(`ALTER TABLE "led_responses" DROP CONSTRAINT "FK_a9b1884c512e76b40d64afe9159"`);
    await q.query(`ALTER TABLE "led_responses" DROP CONSTRAINT "FK_28a71064b747e038b34f4c986c1"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "FK_17e5ffe3d01261e087a74bd224b"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "FK_d341142a683a69c0a79ffcdb4ed"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "FK_95cf8790dc73bc139965adbd265"`);
    await q.query(`ALTER TABLE "feedback_requests" DROP CONSTRAINT "FK_a3c410a6c91b505a2f566fef334"`);
    await q.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_03fa66c20619cbc55aa4ebc69bd"`);
    await q.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_9a0beddf58a3b30eee2c1905c92"`);
    await q.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_90e914e49d91887da9f0dc466ff"`);
    await q.query(`ALTER TABLE "assignments" DROP CONSTRAINT "FK_52d5e90e08abee4d047fc0cf513"`);
    await q.query(`ALTER TABLE "organization_settings" DROP CONSTRAINT "CHK_4522daedf2afee660840427591"`);
    await q.query(`ALTER TABLE "organization_settings" DROP COLUMN "led_feedback_threshold"`);
    await q.query(`DROP INDEX "public"."IDX_ab11aba462fb13250cbe7628ba"`);
    await q.query(`DROP TABLE "led_responses"`);
    await q.query(`DROP INDEX "public"."IDX_5a38039087364941442e7cab02"`);
    await q.query(`DROP INDEX "public"."IDX_7f621349ab48d296cbd1d53866"`);
    await q.query(`DROP INDEX "public"."IDX_ed58af59177a1a2f7663530fd5"`);
    await q.query(`DROP TABLE "feedback_requests"`);
    await q.query(`DROP INDEX "public"."IDX_160e1adfe98fb1a316c540078d"`);
    await q.query(`DROP TABLE "assignments"`);
  }
}
