import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { IS_PUBLIC } from '@leadpath/platform/http';
import { Endpoint } from './endpoint.decorator';
import { Permission } from './permissions';
import { REQUIRED_PERMISSION } from './require-permission.decorator';

class Routes {
  @Endpoint({
    permission: Permission.GoalConfirm,
    summary: 'Confirm',
    errors: { 409: 'Only an achieved goal' },
  })
  confirm(): void {}

  @Endpoint({ permission: 'public', summary: 'Answer', status: 204, errors: { 410: 'Expired' } })
  answer(): void {}
}

/** Where @nestjs/swagger keeps what its decorators declare. */
const DECORATORS = {
  API_OPERATION: 'swagger/apiOperation',
  API_RESPONSE: 'swagger/apiResponse',
  API_SECURITY: 'swagger/apiSecurity',
};

const meta = (key: string, handler: () => void): unknown => Reflect.getMetadata(key, handler);

describe('@Endpoint', () => {
  const { confirm, answer } = Routes.prototype;

  it('names the permission the global guard checks, and never opens the route to the public with it', () => {
    expect(meta(REQUIRED_PERMISSION, confirm)).toBe(Permission.GoalConfirm);
    expect(meta(IS_PUBLIC, confirm)).toBeUndefined();
    expect(meta(DECORATORS.API_SECURITY, confirm)).toEqual([{ bearer: [] }]);
  });

  it("opens a 'public' route to callers without a token, with no permission", () => {
    expect(meta(IS_PUBLIC, answer)).toBe(true);
    expect(meta(REQUIRED_PERMISSION, answer)).toBeUndefined();
    expect(meta(DECORATORS.API_SECURITY, answer)).toBeUndefined();
  });

  it('answers with the status it documents (200 unless given), and documents the errors given', () => {
    expect(meta(HTTP_CODE_METADATA, confirm)).toBe(200);
    expect(Object.keys(meta(DECORATORS.API_RESPONSE, confirm) as object)).toEqual(['200', '409']);
    expect(meta(HTTP_CODE_METADATA, answer)).toBe(204);
    expect(meta(DECORATORS.API_RESPONSE, answer)).toMatchObject({ '204': {}, '410': { description: 'Expired' } });
    expect(meta(DECORATORS.API_OPERATION, answer)).toMatchObject({ summary: 'Answer' });
  });
});
