// wiremock-rest-client 1.11.0 against ChatMock: its README's stub, then the requests, near-miss, mapping, scenario
// and global calls it documents.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { WireMockRestClient } from 'wiremock-rest-client';
import { startChatMock, postCall, CALL } from './server.mjs';

let server;
let wireMock;

before(async () => {
  server = await startChatMock();
  wireMock = new WireMockRestClient(server.url, { logLevel: 'error' });
});

after(() => server.stop());

beforeEach(() => wireMock.global.resetAll());

test("rest-client: the README's urlPathPattern stub answers its path only", async () => {
  const stubMapping = {
    request: { method: 'GET', urlPathPattern: '/api/helloworld' },
    response: { status: 200, jsonBody: { hello: 'world' }, headers: { 'Content-Type': 'application/json' } },
  };

  const created = await wireMock.mappings.createMapping(stubMapping);
  assert.ok(created.id);
  const hello = await fetch(server.url + '/api/helloworld');
  assert.deepEqual(await hello.json(), { hello: 'world' });
  assert.equal((await fetch(server.url + '/api/other')).status, 404);
  assert.equal((await postCall(server.url, { ChatSessionId: 'abc' })).status, 400, 'AddChatMessage is still validated');
});

test('rest-client: getCount, findRequests and getAllRequests, with 0 calls and with several', async () => {
  const pattern = { method: 'POST', url: CALL, bodyPatterns: [{ matchesJsonPath: '$.ChatSessionId' }] };
  assert.equal((await wireMock.requests.getCount(pattern)).count, 0);
  assert.deepEqual((await wireMock.requests.findRequests(pattern)).requests, []);

  await postCall(server.url, { ChatSessionId: 1 });
  await postCall(server.url, { ChatSessionId: 2 });
  assert.equal((await wireMock.requests.getCount(pattern)).count, 2);
  assert.equal((await wireMock.requests.findRequests({ ...pattern, bodyPatterns: [{ equalToJson: { ChatSessionId: 2 } }] })).requests.length, 1);
  const all = await wireMock.requests.getAllRequests();
  assert.equal(all.meta.total, 2);
  assert.equal(all.requests[0].request.headers.Authorization, 'Basic tje0:***');
});

test('rest-client: getRequest, deleteRequest and removeRequests', async () => {
  await postCall(server.url, { ChatSessionId: 1 });
  await postCall(server.url, { ChatSessionId: 2 });
  const [newest, oldest] = (await wireMock.requests.getAllRequests()).requests;

  assert.equal((await wireMock.requests.getRequest(newest.id)).request.url, CALL);
  await wireMock.requests.deleteRequest(newest.id);
  const removed = await wireMock.requests.removeRequests({ method: 'POST', bodyPatterns: [{ contains: '1' }] });
  assert.equal(removed.serveEvents[0].id, oldest.id);
  assert.equal((await wireMock.requests.getCount({ method: 'ANY' })).count, 0);
});

test('rest-client: near misses and unmatched requests', async () => {
  await postCall(server.url, { ChatSessionId: 1 });
  const near = await wireMock.requests.getNearMissesByRequestPattern({ method: 'POST', url: CALL, bodyPatterns: [{ contains: '2' }] });
  assert.equal(near.nearMisses.length, 1);
  assert.equal(near.nearMisses[0].request.url, CALL);

  await wireMock.mappings.createMapping({ request: { method: 'GET', urlPath: '/nowhere', headers: { 'X-A': { equalTo: 'b' } } }, response: { status: 204 } });
  await fetch(server.url + '/nowhere');
  assert.equal((await wireMock.requests.getUnmatchedRequests()).requests.length, 1);
  const unmatched = await wireMock.requests.getUnmatchedNearMisses();
  assert.equal(unmatched.nearMisses[0].stubMapping.response.status, 204);
  const byRequest = await wireMock.requests.getNearMissesByRequest({ url: '/nowhere', method: 'GET', headers: {} });
  assert.equal(byRequest.nearMisses.length, 1);
});

test('rest-client: getAllMappings, getMapping, updateMapping, deleteMapping, resetAllMappings, deleteAllMappings', async () => {
  const created = await wireMock.mappings.createMapping({ request: { method: 'GET', url: '/m' }, response: { status: 201 } });

  const all = await wireMock.mappings.getAllMappings();
  assert.ok(all.mappings.some((m) => m.id === created.id));
  assert.equal(all.meta.total, all.mappings.length);
  assert.equal((await wireMock.mappings.getMapping(created.id)).request.url, '/m');
  await wireMock.mappings.updateMapping(created.id, { request: { method: 'GET', url: '/m' }, response: { status: 202 } });
  assert.equal((await fetch(server.url + '/m')).status, 202);
  await wireMock.mappings.deleteMapping(created.id);
  assert.equal((await fetch(server.url + '/m')).status, 404);
  await wireMock.mappings.createMapping({ request: { method: 'GET', url: '/n' }, response: { status: 201 } });
  await wireMock.mappings.resetAllMappings();
  await wireMock.mappings.deleteAllMappings();
  assert.equal((await fetch(server.url + '/n')).status, 404);
  assert.equal((await postCall(server.url, { ChatSessionId: 1 })).status, 200, 'the engine is kept');
});

test('rest-client: a stub ChatMock does not translate is refused naming the field', async () => {
  const answer = await fetch(server.url + '/__admin/mappings', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ request: { urlPath: '/p' }, response: { proxyBaseUrl: 'http://example.test' } }),
  });
  const body = await answer.json();
  assert.equal(answer.status, 422);
  assert.equal(body.errors[0].source.pointer, '/response/proxyBaseUrl');
});

test('rest-client: getAllScenarios, resetAllScenarios, resetAllRequests, deleteAllRequests', async () => {
  assert.deepEqual((await wireMock.scenarios.getAllScenarios()).scenarios, []);
  await wireMock.scenarios.resetAllScenarios();
  await postCall(server.url, { ChatSessionId: 1 });
  await wireMock.requests.resetAllRequests();
  assert.equal((await wireMock.requests.getCount({})).count, 0);
  await postCall(server.url, { ChatSessionId: 1 });
  await wireMock.requests.deleteAllRequests();
  assert.equal((await wireMock.requests.getAllRequests()).requests.length, 0);
});
