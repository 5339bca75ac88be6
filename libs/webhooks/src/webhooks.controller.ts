import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission, type Actor } from '@leadpath/access';
import { PageQueryDto, UuidParamPipe, type Page } from '@leadpath/platform';
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
@ApiBearerAuth()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({
    summary: 'Register an endpoint for the events it wants; the answer shows its signing secret once (HR admin)',
  })
  @ApiCreatedResponse({ type: CreatedWebhookResponse })
  @ApiConflictResponse({ description: 'The organization has as many endpoints as it may' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<CreatedWebhookResponse> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'The organization’s webhook endpoints, newest first (HR admin)' })
  @ApiOkResponse({ type: WebhookPage })
  list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<Page<WebhookResponse>> {
    return this.webhooks.list(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'One webhook endpoint (HR admin)' })
  @ApiOkResponse({ type: WebhookResponse })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<WebhookResponse> {
    return this.webhooks.get(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'Change the address, description or events, or turn the endpoint off and on (HR admin)' })
  @ApiOkResponse({ type: WebhookResponse })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookResponse> {
    return this.webhooks.update(actor, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'Remove the endpoint and its delivery log (HR admin)' })
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<void> {
    return this.webhooks.remove(actor, id);
  }

  @Post(':id/secret')
  @HttpCode(200)
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({
    summary:
      'Rotate the signing secret; the previous one signs too for graceHours (default 24; 0 ends it at once) (HR admin)',
  })
  @ApiBody({ type: RotateSecretDto, required: false })
  @ApiOkResponse({ type: RotatedSecretResponse })
  rotate(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Body() dto: RotateSecretDto,
  ): Promise<RotatedSecretResponse> {
    return this.webhooks.rotateSecret(actor, id, dto);
  }

  @Get(':id/deliveries')
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'The delivery log, newest first: each event with its attempts (HR admin)' })
  @ApiOkResponse({ type: WebhookDeliveryPage })
  deliveries(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParamPipe) id: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<WebhookDeliveryResponse>> {
    return this.webhooks.deliveries(actor, id, query);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequirePermission(Permission.WebhookManage)
  @ApiOperation({ summary: 'Send a `webhook.test` event to this endpoint (HR admin)' })
  @ApiAcceptedResponse({ type: TestDeliveryResponse })
  @ApiConflictResponse({ description: 'The endpoint is disabled; enable it first' })
  test(@CurrentActor() actor: Actor, @Param('id', UuidParamPipe) id: string): Promise<TestDeliveryResponse> {
    return this.webhooks.sendTest(actor, id);
  }
}
