import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform/http';
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
@Controller('mentees')
export class MenteesController {
  constructor(private readonly mentees: MenteesService) {}

  @Post()
  @Endpoint({
    permission: Permission.MenteeCreate,
    summary: 'Enrol a user as a mentee with a line manager and optional mentor (HR admin)',
    status: 201,
    ok: MenteeResponse,
    errors: {
      409: 'This user is already a mentee',
      404: 'The user, line manager or mentor named is not found, or not visible to you',
    },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateMenteeDto): Promise<MenteeResponse> {
    return this.mentees.create(actor, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.MenteeList,
    summary: 'Mentees the caller may see: HR all, managers theirs, a mentee themselves',
    ok: MenteePage,
  })
  list(@CurrentActor() actor: Actor, @Query() query: MenteeQueryDto): Promise<Page<MenteeResponse>> {
    return this.mentees.list(actor, query);
  }

  @Get(':id')
  @Endpoint({ permission: Permission.MenteeRead, summary: 'One mentee', ok: MenteeResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<MenteeResponse> {
    return this.mentees.get(actor, id);
  }

  @Patch(':id')
  @Endpoint({
    permission: Permission.MenteeUpdate,
    summary: 'Change a mentee (HR admin; the line manager for phase, track and profile fields)',
    ok: MenteeResponse,
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateMenteeDto,
  ): Promise<MenteeResponse> {
    return this.mentees.update(actor, id, dto);
  }

  @Get(':id/phase-history')
  @Endpoint({
    permission: Permission.MenteeRead,
    summary: 'Every phase the mentee entered: from, to, who, when, note',
    ok: PhaseChangePage,
  })
  phaseHistory(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<PhaseChangeResponse>> {
    return this.mentees.phaseHistory(actor, id, query);
  }
}
