import { Module } from '@nestjs/common';
import { MenteesModule } from '@leadpath/mentees';
import { OrganizationsModule } from '@leadpath/organizations';
import { UsersModule } from '@leadpath/users';
import { DemoSeeder } from './demo.seeder';

@Module({
  imports: [OrganizationsModule, UsersModule, MenteesModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
