// wiremock-captain 4.1.3 against ChatMock: the calls its README documents for stubbing, reading requests, mappings
// and scenarios, and cleaning up after each test.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { WireMock, EndpointFeature } from 'wiremock-captain';
import { startChatMock, postCall, CALL } from './server.mjs';

let server;
let mock;

before(async () => {
  server = await startChatMock();
  mock = new WireMock(server.url);
});

after(() => server.stop());

beforeEach(() => mock.clearAll());

test('captain: register a url stub; it answers its url only and AddChatMessage is still validated', async () => {
  await mock.register({ method: 'GET', endpoint: '/hello' }, { status: 200, body: { hello: 'world' } });

  const stubbed = await fetch(server.url + '/hello');
  assert.equal(stubbed.status, 200);
  assert.deepEqual(await stubbed.json(), { hello: 'world' });
  assert.equal((await fetch(server.url + '/hello?x=1')).status, 404);
  assert.equal((await postCall(server.url, { ChatSessionId: 'abc' })).status, 400);
});

test('captain: urlPath and urlPathPattern stubs match their paths only', async () => {
  await mock.register({ method: 'GET', endpoint: '/path' }, { status: 201 }, { requestEndpointFeature: EndpointFeature.UrlPath });
  await mock.register({ method: 'GET', endpoint: '/items/[0-9]+' }, { status: 202 }, { requestEndpointFeature: EndpointFeature.UrlPathPattern });

  assert.equal((await fetch(server.url + '/path?any=1')).status, 201);
  assert.equal((await fetch(server.url + '/items/7')).status, 202);
  assert.equal((await fetch(server.url + '/items/x')).status, 404);
  assert.equal((await fetch(server.url + '/elsewhere')).status, 404);
});

test('captain: a body stub (equalToJson) overrides AddChatMessage only for its body', async () => {
  await mock.register(
    { method: 'POST', endpoint: CALL, body: { ChatSessionId: 7 } },
    { status: 503, body: { Error: true, ErrorType: 'Down', ErrorMessage: 'down', ErrorSource: 'stub' } },
    { requestIgnoreExtraElements: true },
  );

  assert.equal((await postCall(server.url, { ChatSessionId: 7, Message: { Type: 'ToUser' } })).status, 503);
  assert.equal((await postCall(server.url, { ChatSessionId: 8 })).status, 200);
});

test('captain: getRequestsForAPI and getAllRequests list every call', async () => {
  await postCall(server.url, { ChatSessionId: 1 });
  await postCall(server.url, { ChatSessionId: 2 });
  await fetch(server.url + '/nowhere');

  const calls = await mock.getRequestsForAPI('POST', CALL);
  assert.equal(calls.length, 2);
  assert.match(calls[0].request.body, /"ChatSessionId":2/);
  assert.equal((await mock.getAllRequests()).length, 3);
});

test('captain: getUnmatchedRequests is empty after a clean test, admin calls included', async () => {
  await postCall(server.url, { ChatSessionId: 1 });
  await fetch(server.url + '/__admin/not-an-endpoint');

  assert.deepEqual(await mock.getUnmatchedRequests(), []);
  await fetch(server.url + '/nowhere');
  assert.equal((await mock.getUnmatchedRequests()).length, 1);
});

test('captain: getAllMappings, getMapping and deleteMapping', async () => {
  const stub = await mock.register({ method: 'GET', endpoint: '/listed' }, { status: 200 });

  const all = await mock.getAllMappings();
  assert.ok(all.some((m) => m.id === stub.id));
  assert.equal((await mock.getMapping(stub.id)).request.url, '/listed');
  await mock.deleteMapping(stub.id);
  assert.equal((await fetch(server.url + '/listed')).status, 404);
});

test('captain: getAllScenarios, resetAllScenarios, resetMappings and clearAll', async () => {
  assert.deepEqual(await mock.getAllScenarios(), []);
  assert.equal((await mock.resetAllScenarios()).status, 200);
  await mock.register({ method: 'GET', endpoint: '/gone' }, { status: 200 });
  assert.equal((await mock.resetMappings()).status, 200);
  assert.equal((await fetch(server.url + '/gone')).status, 404);
  await postCall(server.url, { ChatSessionId: 1 });
  await mock.clearAll();
  assert.equal((await mock.getAllRequests()).length, 0);
  assert.equal((await postCall(server.url, { ChatSessionId: 1 })).status, 200, 'the engine answers after clearAllMappings');
});
