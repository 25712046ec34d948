import static com.github.tomakehurst.wiremock.client.WireMock.*;

import com.github.tomakehurst.wiremock.client.VerificationException;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.github.tomakehurst.wiremock.verification.NearMiss;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * WireMock's own Java client (com.github.tomakehurst.wiremock.client.WireMock, from the standalone jar of npm's
 * "wiremock" package) against a running ChatMock server: verifying, finding, near misses, stubbing, listing and
 * resetting, as WireMock's documentation shows them. Usage: java ClientsTest http://localhost:PORT
 * Prints one "ok"/"not ok" line per check and ends with "java: N passed, N failed".
 */
public final class ClientsTest {
  private static final String CALL = "/api/v1/Agents/Chat/AddChatMessage";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String base;
  private static int passed;
  private static int failed;

  interface Check {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    base = args[0].replaceAll("/$", "");
    URI uri = URI.create(base);
    WireMock wireMock = new WireMock(uri.getHost(), uri.getPort());
    WireMock.configureFor(uri.getHost(), uri.getPort());

    check("verifyThat counts calls by url, method, header, containing and equalToJson", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToCustomer\", \"Message\": \"Hello\"}}");
      wireMock.verifyThat(1, postRequestedFor(urlEqualTo(CALL))
          .withHeader("Content-Type", containing("json"))
          .withRequestBody(equalToJson("{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToCustomer\", \"Message\": \"Hello\"}}")));
      wireMock.verifyThat(0, getRequestedFor(urlPathEqualTo(CALL)));
    });

    check("verifyThat with matchingJsonPath and equalToJson(ignoreArrayOrder, ignoreExtraElements)", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 403, \"Message\": {\"Type\": \"ToCustomer\", \"Message\": \"Hello\"}}");
      wireMock.verifyThat(1, postRequestedFor(urlPathEqualTo(CALL))
          .withRequestBody(matchingJsonPath("$.Message.Type", equalTo("ToCustomer")))
          .withRequestBody(equalToJson("{\"ChatSessionId\": 403}", true, true)));
    });

    check("verifyThat with 0 calls fails with a VerificationException, not a parse error", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 1}");
      try {
        wireMock.verifyThat(1, postRequestedFor(urlEqualTo(CALL)).withRequestBody(containing("\"ChatSessionId\": 2")));
        throw new AssertionError("expected a VerificationException");
      } catch (VerificationException expected) {
        require(expected.getMessage() != null && !expected.getMessage().contains("Error parsing JSON"), "message: " + expected.getMessage());
      }
    });

    check("verifyThat with a wrong non-zero count fails", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 1}");
      httpPost(CALL, "{\"ChatSessionId\": 1}");
      try {
        wireMock.verifyThat(3, postRequestedFor(urlEqualTo(CALL)));
        throw new AssertionError("expected a VerificationException");
      } catch (VerificationException expected) {
        require(expected.getMessage().contains("Expected exactly 3"), "message: " + expected.getMessage());
      }
    });

    check("find answers the logged requests", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 7}");
      List<LoggedRequest> found = wireMock.find(postRequestedFor(urlEqualTo(CALL)).withRequestBody(matchingJsonPath("$.ChatSessionId")));
      require(found.size() == 1, "found " + found.size());
      require(found.get(0).getBodyAsString().contains("\"ChatSessionId\": 7"), "body " + found.get(0).getBodyAsString());
      require(found.get(0).getHeader("Authorization").equals("Basic tje0:***"), "Authorization " + found.get(0).getHeader("Authorization"));
    });

    check("getServeEvents lists every call, answered directly or not", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 7}");
      httpGet("/nowhere");
      List<ServeEvent> events = wireMock.getServeEvents();
      require(events.size() == 2, "events " + events.size());
      require(events.get(0).getRequest().getUrl().equals("/nowhere"), "newest first: " + events.get(0).getRequest().getUrl());
      require(events.get(1).getResponse().getStatus() == 200, "status " + events.get(1).getResponse().getStatus());
    });

    check("near misses for a pattern and for unmatched requests", () -> {
      reset();
      httpPost(CALL, "{\"ChatSessionId\": 7}");
      httpGet("/nowhere");
      List<NearMiss> misses = wireMock.findAllNearMissesFor(postRequestedFor(urlEqualTo(CALL)).withRequestBody(containing("8")));
      require(!misses.isEmpty(), "no near misses");
      require(misses.get(0).getRequest().getUrl().equals(CALL), "nearest " + misses.get(0).getRequest().getUrl());
      List<LoggedRequest> unmatched = wireMock.findAllUnmatchedRequests();
      require(unmatched.size() == 1 && unmatched.get(0).getUrl().equals("/nowhere"), "unmatched " + unmatched.size());
      wireMock.findNearMissesForAllUnmatchedRequests();
    });

    check("a urlPath stub answers its path only; AddChatMessage is still validated", () -> {
      reset();
      wireMock.register(get(urlPathEqualTo("/hello")).willReturn(okJson("{\"hello\": true}")));
      require(httpGet("/hello").statusCode() == 200, "stub");
      require(httpGet("/hello").body().contains("hello"), "stub body");
      require(httpGet("/other").statusCode() == 404, "other path");
      require(httpPost(CALL, "{\"ChatSessionId\": \"abc\"}").statusCode() == 400, "AddChatMessage validated");
    });

    check("url and urlPathMatching stubs", () -> {
      reset();
      wireMock.register(get(urlEqualTo("/q?a=1")).willReturn(aResponse().withStatus(201)));
      wireMock.register(get(urlPathMatching("/items/[0-9]+")).atPriority(1).willReturn(aResponse().withStatus(202).withHeader("X-Item", "yes")));
      require(httpGet("/q?a=1").statusCode() == 201, "url");
      require(httpGet("/q?a=2").statusCode() == 404, "other query");
      HttpResponse<String> item = httpGet("/items/12");
      require(item.statusCode() == 202 && "yes".equals(item.headers().firstValue("X-Item").orElse(null)), "urlPathMatching");
      require(httpGet("/items/x").statusCode() == 404, "not an item");
    });

    check("a stub with a header and body pattern overrides AddChatMessage only when they match", () -> {
      reset();
      wireMock.register(post(urlPathEqualTo(CALL)).withHeader("X-Scenario", equalTo("down"))
          .withRequestBody(matchingJsonPath("$.ChatSessionId"))
          .willReturn(aResponse().withStatus(503).withBody("down")));
      require(httpPost(CALL, "{\"ChatSessionId\": 1}", "X-Scenario", "down").statusCode() == 503, "stubbed");
      require(httpPost(CALL, "{\"ChatSessionId\": 1}").statusCode() == 200, "engine");
    });

    check("getServeEvents names the stub that answered a call", () -> {
      reset();
      StubMapping stub = wireMock.register(get(urlPathEqualTo("/served")).willReturn(aResponse().withStatus(202)));
      httpGet("/served");
      ServeEvent event = wireMock.getServeEvents().get(0);
      require(event.getWasMatched(), "matched");
      require(event.getStubMapping() != null && stub.getId().equals(event.getStubMapping().getId()), "stub " + event.getStubMapping());
      require(event.getResponse().getStatus() == 202, "status " + event.getResponse().getStatus());
    });

    check("allStubMappings and getStubMapping answer the stubs", () -> {
      reset();
      StubMapping stub = wireMock.register(get(urlPathEqualTo("/listed")).willReturn(ok()));
      List<StubMapping> all = wireMock.allStubMappings().getMappings();
      require(all.stream().anyMatch(m -> m.getId().equals(stub.getId())), "listed");
      require(wireMock.getStubMapping(stub.getId()).getItem().getRequest().getUrlPath().equals("/listed"), "by id");
    });

    check("a stub ChatMock does not translate is refused, naming the field", () -> {
      reset();
      try {
        wireMock.register(get(urlPathEqualTo("/file")).willReturn(aResponse().withBodyFile("a.json")));
        throw new AssertionError("expected the stub to be refused");
      } catch (RuntimeException expected) {
        require(String.valueOf(expected.getMessage()).contains("bodyFileName"), "message: " + expected.getMessage());
      }
    });

    check("scenarios, removeEvents, resetRequests, resetToDefaultMappings and reset", () -> {
      reset();
      wireMock.getScenarios();
      httpPost(CALL, "{\"ChatSessionId\": 1}");
      httpPost(CALL, "{\"ChatSessionId\": 2}");
      wireMock.removeEvents(postRequestedFor(urlEqualTo(CALL)).withRequestBody(containing("2")));
      wireMock.verifyThat(1, postRequestedFor(urlEqualTo(CALL)));
      wireMock.resetRequests();
      wireMock.verifyThat(0, anyRequestedFor(anyUrl()));
      wireMock.register(get(urlPathEqualTo("/gone")).willReturn(ok()));
      wireMock.resetToDefaultMappings();
      require(httpGet("/gone").statusCode() == 404, "stub removed");
      WireMock.reset();
      require(wireMock.getServeEvents().isEmpty(), "journal reset");
    });

    System.out.println("java: " + passed + " passed, " + failed + " failed");
    System.exit(failed == 0 ? 0 : 1);
  }

  private static void reset() {
    WireMock.reset();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  private static void check(String name, Check check) {
    try {
      check.run();
      passed++;
      System.out.println("ok - java: " + name);
    } catch (Throwable e) {
      failed++;
      System.out.println("not ok - java: " + name + ": " + e);
    }
  }

  private static HttpResponse<String> httpGet(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> httpPost(String path, String json, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json")
        .header("Authorization", "Basic dGplMDpUamUw")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }

    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
