import static com.github.tomakehurst.wiremock.client.WireMock.*;

import com.github.tomakehurst.wiremock.client.WireMock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The Java example of docs/wiremock-clients.md, run by .ci/steps/clients (keep the two alike).
 * Usage: java Example PORT
 */
public final class Example {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);

    // docs/wiremock-clients.md: Java
    WireMock chatMock = new WireMock("localhost", port);
    chatMock.resetRequests();

    // The app under test posts a chat message (here java.net.http stands in for it).
    HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/Agents/Chat/AddChatMessage"))
            .header("Content-Type", "application/json")
            .header("Authorization", "Basic dGplMDpUamUw")
            .POST(HttpRequest.BodyPublishers.ofString("{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToCustomer\", \"Message\": \"Hello\"}}"))
            .build(),
        HttpResponse.BodyHandlers.ofString());

    // Verify what it sent; a failed verification throws a VerificationException naming the nearest call.
    chatMock.verifyThat(1, postRequestedFor(urlEqualTo("/api/v1/Agents/Chat/AddChatMessage"))
        .withRequestBody(matchingJsonPath("$.Message.Type", equalTo("ToCustomer"))));

    // Stub what ChatMock does not serve; AddChatMessage itself stays validated by ChatMock.
    chatMock.register(get(urlPathEqualTo("/api/v1/Agents/Chat/GetChatTopics")).willReturn(okJson("[]")));
    // end of the example

    System.out.println("example: ok");
  }
}
