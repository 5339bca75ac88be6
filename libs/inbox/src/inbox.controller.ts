import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { InboxResponse } from './dto/inbox.dto';
import { InboxService } from './inbox.service';

@ApiTags('inbox')
@Controller()
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get('me/inbox')
  @Endpoint({
    permission: Permission.InboxOwn,
    summary: 'Everything that waits for you now, each with the page where it is done, and counts by kind',
    ok: InboxResponse,
  })
  mine(@CurrentActor() actor: Actor): Promise<InboxResponse> {
    return this.inbox.mine(actor);
  }
}
