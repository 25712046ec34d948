// The JavaScript example of docs/wiremock-clients.md (keep the two alike): wiremock-rest-client against ChatMock.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { WireMockRestClient } from 'wiremock-rest-client';
import { startChatMock } from './server.mjs';

let server;
before(async () => { server = await startChatMock(); });
after(() => server.stop());

test('docs example: stub, call, count and reset with wiremock-rest-client', async () => {
  const base = server.url; // in the docs: 'http://localhost:8080'

  // docs/wiremock-clients.md: JavaScript
  const chatMock = new WireMockRestClient(base, { logLevel: 'error' });
  await chatMock.mappings.createMapping({
    request: { method: 'GET', urlPath: '/api/v1/Agents/Chat/GetChatTopics' },
    response: { status: 200, jsonBody: [] },
  });

  // The app under test calls ChatMock (here fetch stands in for it).
  await fetch(base + '/api/v1/Agents/Chat/AddChatMessage', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Basic dGplMDpUamUw' },
    body: JSON.stringify({ ChatSessionId: 403, Message: { Type: 'ToCustomer', Message: 'Hello' } }),
  });

  const { count } = await chatMock.requests.getCount({
    method: 'POST',
    url: '/api/v1/Agents/Chat/AddChatMessage',
    bodyPatterns: [{ matchesJsonPath: { expression: '$.Message.Type', equalTo: 'ToCustomer' } }],
  });
  const { requests } = await chatMock.requests.getUnmatchedRequests();
  await chatMock.global.resetAll();
  // end of the example

  assert.equal(count, 1);
  assert.deepEqual(requests, []);
});
