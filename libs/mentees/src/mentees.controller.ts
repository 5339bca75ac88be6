import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform';
import {
  CreateMenteeDto,
  MenteePage,
  MenteeQueryDto,
  MenteeResponse,
  PhaseChangePage,
  UpdateMenteeDto,
  type PhaseChangeResponse,
} from './dto/mentee.dto';
import { MenteesService } from './mentees.service';

@ApiTags('mentees')
@ApiBearerAuth()
@Controller('mentees')
export class MenteesController {
  constructor(private readonly mentees: MenteesService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.MenteeCreate)
  @ApiOperation({ summary: 'Enrol a user as a mentee with a line manager and optional mentor (HR admin)' })
  @ApiCreatedResponse({ type: MenteeResponse })
  @ApiConflictResponse({ description: 'This user is already a mentee' })
  @ApiNotFoundResponse({ description: 'The user, line manager or mentor named is not found, or not visible to you' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMenteeDto): Promise<MenteeResponse> {
    return this.mentees.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.MenteeList)
  @ApiOperation({ summary: 'Mentees the caller may see: HR all, managers theirs, a mentee themselves' })
  @ApiOkResponse({ type: MenteePage })
  list(@CurrentActor() actor: Actor, @Query() query: MenteeQueryDto): Promise<Page<MenteeResponse>> {
    return this.mentees.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.MenteeRead)
  @ApiOperation({ summary: 'One mentee' })
  @ApiOkResponse({ type: MenteeResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<MenteeResponse> {
    return this.mentees.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.MenteeUpdate)
  @ApiOperation({ summary: 'Change a mentee (HR admin; the line manager for phase, track and profile fields)' })
  @ApiOkResponse({ type: MenteeResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMenteeDto,
  ): Promise<MenteeResponse> {
    return this.mentees.update(actor, id, dto);
  }

  @Get(':id/phase-history')
  @RequirePermission(Permission.MenteeRead)
  @ApiOperation({ summary: 'Every phase the mentee entered: from, to, who, when, note' })
  @ApiOkResponse({ type: PhaseChangePage })
  phaseHistory(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<PhaseChangeResponse>> {
    return this.mentees.phaseHistory(actor, id, query);
  }
}
