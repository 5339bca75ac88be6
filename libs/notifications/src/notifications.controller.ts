import { Body, Controller, Get, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import {
  NotificationPreferencesResponse,
  UnsubscribeQueryDto,
  UnsubscribeResponse,
  UpdateNotificationPreferencesDto,
} from './dto/notifications.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Controller()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get('me/notifications')
  @Endpoint({
    permission: Permission.NotificationsOwn,
    summary: 'Which e-mails that are not essential (nudges, digests) you receive',
    ok: NotificationPreferencesResponse,
  })
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferencesResponse> {
    return this.notifications.preferences(actor);
  }

  @Patch('me/notifications')
  @Endpoint({
    permission: Permission.NotificationsOwn,
    summary: 'Switch kinds of nudges and digests on or off for yourself',
    ok: NotificationPreferencesResponse,
  })
  update(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponse> {
    return this.notifications.update(actor, dto);
  }

  @Post('notifications/unsubscribe')
  @Endpoint({
    permission: 'public',
    summary:
      'One-click unsubscribe (RFC 8058): the List-Unsubscribe link of a nudge or digest turns that kind off for its recipient',
    ok: UnsubscribeResponse,
  })
  unsubscribe(@Query() query: UnsubscribeQueryDto, @Req() request: FastifyRequest): Promise<UnsubscribeResponse> {
    return this.notifications.unsubscribe(query.token, request.id);
  }
}
