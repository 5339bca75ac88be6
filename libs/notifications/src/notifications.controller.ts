import { Body, Controller, Get, HttpCode, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { Public } from '@leadpath/platform';
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
  @ApiBearerAuth()
  @RequirePermission(Permission.NotificationsOwn)
  @ApiOperation({ summary: 'Which e-mails that are not essential (nudges, digests) you receive' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  get(@CurrentActor() actor: Actor): Promise<NotificationPreferencesResponse> {
    return this.notifications.preferences(actor);
  }

  @Patch('me/notifications')
  @ApiBearerAuth()
  @RequirePermission(Permission.NotificationsOwn)
  @ApiOperation({ summary: 'Switch kinds of nudges and digests on or off for yourself' })
  @ApiOkResponse({ type: NotificationPreferencesResponse })
  update(
    @CurrentActor() actor: Actor,
    @Body() dto: UpdateNotificationPreferencesDto,
  ): Promise<NotificationPreferencesResponse> {
    return this.notifications.update(actor, dto);
  }

  @Post('notifications/unsubscribe')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'One-click unsubscribe (RFC 8058): the List-Unsubscribe link of a nudge or digest turns that kind off for its recipient',
  })
  @ApiOkResponse({ type: UnsubscribeResponse })
  unsubscribe(@Query() query: UnsubscribeQueryDto, @Req() request: FastifyRequest): Promise<UnsubscribeResponse> {
    return this.notifications.unsubscribe(query.token, request.id);
  }
}
