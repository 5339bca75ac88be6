import { assertResponsesMatchDocument } from './response-check';

// Every response a test provoked must be what the OpenAPI document promises (see response-check.ts).
afterEach(() => assertResponsesMatchDocument('in this test (or the setup before it)'));
afterAll(() => assertResponsesMatchDocument('after the last test'));
