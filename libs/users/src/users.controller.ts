import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { UuidParamPipe, type Page } from '@leadpath/platform/http';
import { CreateUserDto, UpdateUserDto, UserPage, UserQueryDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Endpoint({
    permission: Permission.UserCreate,
    summary: 'Create a user (HR admin)',
    status: 201,
    ok: UserResponse,
    errors: { 409: 'The e-mail address is taken' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.UserList,
    summary: 'List users, filtered by role, active and a name or address (q) (HR admin)',
    ok: UserPage,
  })
  list(@CurrentActor() actor: Actor, @Query() query: UserQueryDto): Promise<Page<UserResponse>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @Endpoint({ permission: Permission.UserRead, summary: 'Read a user (HR admin)', ok: UserResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    return this.users.get(actor, id);
  }

  @Post(':id/invitation')
  @Endpoint({
    permission: Permission.UserUpdate,
    summary: 'Send a person who has not accepted their invitation a new link (HR admin)',
    ok: UserResponse,
    errors: {
      409: 'The person is deactivated, or has already chosen a password',
      429: 'Three invitations were sent to this person in the last hour',
    },
  })
  resendInvitation(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    return this.users.resendInvitation(actor, id);
  }

  @Patch(':id')
  @Endpoint({
    permission: Permission.UserUpdate,
    summary: 'Change a user; active: false deactivates (HR admin)',
    ok: UserResponse,
    errors: { 409: 'The e-mail address is taken, or you would deactivate yourself or drop your own HR admin role' },
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }
}
