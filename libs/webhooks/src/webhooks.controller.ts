import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Endpoint, Permission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform/http';
import {
  CreatedWebhookResponse,
  CreateWebhookDto,
  RotateSecretDto,
  RotatedSecretResponse,
  TestDeliveryResponse,
  UpdateWebhookDto,
  WebhookDeliveryPage,
  WebhookPage,
  WebhookResponse,
  type WebhookDeliveryResponse,
} from './dto/webhook.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'Register an endpoint for the events it wants; the answer shows its signing secret once (HR admin)',
    status: 201,
    ok: CreatedWebhookResponse,
    errors: { 409: 'The organization has as many endpoints as it may' },
  })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'The organization’s webhook endpoints, newest first (HR admin)',
    ok: WebhookPage,
  })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<WebhookResponse>> {
    return this.webhooks.list(actor, query);
  }

  @Get(':id')
  @Endpoint({ permission: Permission.WebhookManage, summary: 'One webhook endpoint (HR admin)', ok: WebhookResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WebhookResponse> {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'Change the address, description or events, or turn the endpoint off and on (HR admin)',
    ok: WebhookResponse,
  })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return this.webhooks.update(actor, id, dto);
  }

  @Delete(':id')
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'Remove the endpoint and its delivery log (HR admin)',
    status: 204,
  })
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  @Post(':id/secret')
  @Endpoint({
    permission: Permission.WebhookManage,
    summary:
      'Rotate the signing secret; the previous one signs too for graceHours (default 24; 0 ends it at once) (HR admin)',
    ok: RotatedSecretResponse,
    body: { type: RotateSecretDto, required: false },
  })
  rotate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RotateSecretDto,
  ): Promise<RotatedSecretResponse> {
    return this.webhooks.rotateSecret(actor, id, dto);
  }

  @Get(':id/deliveries')
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'The delivery log, newest first: each event with its attempts (HR admin)',
    ok: WebhookDeliveryPage,
  })
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<WebhookDeliveryResponse>> {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Post(':id/test')
  @Endpoint({
    permission: Permission.WebhookManage,
    summary: 'Send a `webhook.test` event to this endpoint (HR admin)',
    status: 202,
    ok: TestDeliveryResponse,
    errors: { 409: 'The endpoint is disabled; enable it first' },
  })
  test(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TestDeliveryResponse> {
    return this.webhooks.sendTest(actor, id);
  }
}
