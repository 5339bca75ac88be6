import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Team cells left at zero by earlier refreshes (a team that lost the last mentee carrying a key):
 * from here on the refresh deletes a cell it empties, so the table holds only cells with mentees.
 */
export class EmptyTeamCells1796110000000 implements MigrationInterface {
  name = 'EmptyTeamCells1796110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM readiness_team_cells WHERE mentees = 0 AND rated = 0 AND total = 0`);
  }

  async down(): Promise<void> {
    // Nothing to restore: an empty cell counts for nothing in any sum.
  }
}
