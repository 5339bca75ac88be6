import { Module } from '@nestjs/common';
import { AuthModule } from '@leadpath/auth';
import { FrameworkModule } from '@leadpath/framework';
import { UsersModule } from '@leadpath/users';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

@Module({
  imports: [UsersModule, AuthModule, FrameworkModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService],
  exports: [OrganizationsService, OrganizationsRepository],
})
export class OrganizationsModule {}
