import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { UuidParamPipe, type Page } from '@leadpath/platform';
import { CreateUserDto, UpdateUserDto, UserPage, UserQueryDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.UserCreate)
  @ApiOperation({ summary: 'Create a user (HR admin)' })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiConflictResponse({ description: 'The e-mail address is taken' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return this.users.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.UserList)
  @ApiOperation({ summary: 'List users, filtered by role and active (HR admin)' })
  @ApiOkResponse({ type: UserPage })
  list(@CurrentActor() actor: Actor, @Query() query: UserQueryDto): Promise<Page<UserResponse>> {
    return this.users.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.UserRead)
  @ApiOperation({ summary: 'Read a user (HR admin)' })
  @ApiOkResponse({ type: UserResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<UserResponse> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.UserUpdate)
  @ApiOperation({ summary: 'Change a user; active: false deactivates (HR admin)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiConflictResponse({
    description: 'The e-mail address is taken, or you would deactivate yourself or drop your own HR admin role',
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateUserDto,
  ): Promise<UserResponse> {
    return this.users.update(actor, id, dto);
  }
}
