import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import type { Page } from '@leadpath/platform/http';
import { DeliveryPage, DeliveryQueryDto, type DeliveryResponse } from './dto/delivery.dto';
import { MailService } from './mail.service';

@ApiTags('mail')
@Controller('mail-deliveries')
export class MailController {
  constructor(private readonly mail: MailService) {}

  @Get()
  @Endpoint({
    permission: Permission.MailDeliveryList,
    summary: 'E-mails the organization sent or failed to send, newest first (HR admin)',
    ok: DeliveryPage,
  })
  list(@CurrentActor() actor: Actor, @Query() query: DeliveryQueryDto): Promise<Page<DeliveryResponse>> {
    return this.mail.list(actor, query);
  }
}
