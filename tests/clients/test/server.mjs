// Starts a ChatMock server for one test file: the built server (CHATMOCK_DLL, set by .ci/steps/clients) on a port the
// system chooses, read from its start banner with a deadline; stopped after the file's tests.
import { spawn } from 'node:child_process';

export const CALL = '/api/v1/Agents/Chat/AddChatMessage';

export async function startChatMock() {
  const dll = process.env.CHATMOCK_DLL;
  if (!dll) {
    throw new Error('CHATMOCK_DLL is not set: run the tests with .ci/steps/clients');
  }

  const child = spawn('dotnet', [dll, '--port', '0', '--seed', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  // A client that ends the process itself (wiremock-rest-client calls process.exit on a failed request) takes the server along.
  const killOnExit = () => child.kill('SIGTERM');
  process.on('exit', killOnExit);
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error('ChatMock did not start within 30 s:\n' + output)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const found = /ChatMock listening on (http:\/\/localhost:\d+)/.exec(output);
      if (found) {
        clearTimeout(deadline);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`ChatMock exited with ${code}:\n${output}`)));
  });

  return {
    url,
    stop: () => new Promise((resolve) => {
      process.off('exit', killOnExit);
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/** Posts an AddChatMessage body with the documentation sample's credentials; answers the response. */
export function postCall(base, body, headers = {}) {
  return fetch(base + CALL, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Basic dGplMDpUamUw', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
