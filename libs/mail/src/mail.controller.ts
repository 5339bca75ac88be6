import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import type { Page } from '@leadpath/platform';
import { DeliveryPage, DeliveryQueryDto, type DeliveryResponse } from './dto/delivery.dto';
import { MailService } from './mail.service';

@ApiTags('mail')
@ApiBearerAuth()
@Controller('mail-deliveries')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @RequirePermission(Permission.MailDeliveryList)
  @ApiOperation({ summary: 'E-mails the organization sent or failed to send, newest first (HR admin)' })
  @ApiOkResponse({ type: DeliveryPage })
  list(@CurrentActor() actor: Actor, @Query() query: DeliveryQueryDto): Promise<Page<DeliveryResponse>> {
    return this.mail.list(actor, query);
  }
}
