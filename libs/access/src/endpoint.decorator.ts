import { applyDecorators, HttpCode, type Type } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCookieAuth,
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  type ApiBodyOptions,
  type ApiHeaderOptions,
  type ApiResponseOptions,
} from '@nestjs/swagger';
import { Public } from '@leadpath/platform/http';
import type { Permission } from './permissions';
import { RequirePermission } from './require-permission.decorator';

/** The statuses a route answers with on success. */
export type SuccessStatus = 200 | 201 | 202 | 204 | 302;

/** Errors a route documents beyond those the OpenAPI document derives from the route itself. */
export type ErrorStatus = 401 | 403 | 404 | 409 | 410 | 429;

export interface EndpointOptions {
  /**
   * Who may call: a permission (a valid token and a role that can hold it; the service then
   * checks the object), or `'public'` for callers without a token. There is no third way: a
   * route without an Endpoint (or @Public()/@RequirePermission()) is refused to everyone.
   */
  permission: Permission | 'public';
  /** One line for the OpenAPI operation. */
  summary: string;
  /** The success status (and @HttpCode); 200 unless given. */
  status?: SuccessStatus;
  /** The success answer: its body's class, or the full response description (a 204 needs none). */
  ok?: Type<unknown> | Omit<ApiResponseOptions, 'status'>;
  /** A 204 the route also answers, and when (besides the success answer). */
  noContent?: string;
  /** Error answers particular to this route, each with when it happens. */
  errors?: Partial<Record<ErrorStatus, string>>;
  /** The media type of the success body when it is not JSON. */
  produces?: string;
  /** A request header the route reads. */
  header?: ApiHeaderOptions;
  /** The request body, when its class alone does not describe it (an optional body). */
  body?: ApiBodyOptions;
  /** The cookie the route reads its session from. */
  cookie?: string;
}

/**
 * One route's access, status and OpenAPI description in one decorator, so that none of them can
 * be forgotten apart from the others: every route names who may call it.
 */
export function Endpoint(options: EndpointOptions): MethodDecorator {
  const status = options.status ?? 200;
  const access =
    options.permission === 'public' ? [Public()] : [RequirePermission(options.permission), ApiBearerAuth()];
  const ok = typeof options.ok === 'function' ? { type: options.ok } : (options.ok ?? {});
  const decorators: MethodDecorator[] = [
    HttpCode(status),
    ...access,
    ApiOperation({ summary: options.summary }),
    ApiResponse({ ...ok, status }),
  ];
  if (options.noContent !== undefined) decorators.push(ApiResponse({ status: 204, description: options.noContent }));
  for (const [code, description] of Object.entries(options.errors ?? {})) {
    decorators.push(ApiResponse({ status: Number(code), description }));
  }
  if (options.produces) decorators.push(ApiProduces(options.produces));
  if (options.header) decorators.push(ApiHeader(options.header));
  if (options.body) decorators.push(ApiBody(options.body));
  if (options.cookie) decorators.push(ApiCookieAuth(options.cookie));
  return applyDecorators(...decorators);
}
