export { StubProvider, type RecordedRequest } from './server';
export { countStubTokens, type StubBehavior, type StubUsage } from './behavior';
