package dev.culprit.ingest.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Golden lines shaped like the {@code Log} column of the two Nezha days (made up here, ids and
 * values invented): TrainTicket's Docker lines around Java text, Online Boutique's Docker lines
 * around JSON from Go, Node, Python and C# services and around Java text.
 */
class NezhaLinesTest {
  private static final String T = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final String S = "1122334455667788";

  @Test
  void trainTicketInfoWarnAndErrorLines() {
    String info =
        docker(
            "16:42:22.382 INFO  t.s.TravelServiceImpl#532 TraceID: "
                + T
                + " SpanID: "
                + S
                + " [getRouteByRouteId][Get Route By Id][Route is: Route(id=f3d4d4ef-0000-4456-8eed-59c0d717dd08,"
                + " stations=[shanghai, suzhou], distances=[0, 50])]");
    String warn =
        docker(
            "16:50:08.261 WARN  i.s.InsidePaymentServiceImpl#71 TraceID: "
                + T
                + " SpanID: "
                + S
                + " [Inside Payment Service.pay][Order status Not allowed to Pay]");
    String error =
        docker(
            "16:48:42.468 ERROR f.s.FoodServiceImpl#302 TraceID: "
                + T
                + " SpanID: "
                + S
                + " [getAllFood][Get the Get Food Request Failed!][foodStoresListResult is null]");

    assertThat(LogParser.parse(info))
        .isEqualTo(
            new ParsedLog(
                "INFO",
                "t.s.TravelServiceImpl#532 TraceID: "
                    + T
                    + " SpanID: "
                    + S
                    + " [getRouteByRouteId][Get Route By Id][Route is: Route(id=f3d4d4ef-0000-4456-8eed-59c0d717dd08,"
                    + " stations=[shanghai, suzhou], distances=[0, 50])]",
                T,
                S));
    assertThat(LogParser.parse(warn).severity()).isEqualTo("WARN");
    assertThat(LogParser.parse(warn).message())
        .startsWith("i.s.InsidePaymentServiceImpl#71 TraceID: " + T);
    assertThat(LogParser.parse(error).severity()).isEqualTo("ERROR");
    assertThat(LogParser.parse(error).message()).startsWith("f.s.FoodServiceImpl#302 TraceID: ");
  }

  @Test
  void trainTicketLineGluedToTheNextStillReads() {
    String glued =
        docker("18:06:03.361 INFO  u.c.UserController#48 [getUserByUserId][Get user by user id]")
            + "ulate distance][calculate time：175  time: Sat May 04 12:46:52 CST 2013]\\n\"}";

    assertThat(LogParser.parse(glued))
        .isEqualTo(
            new ParsedLog(
                "INFO",
                "u.c.UserController#48 [getUserByUserId][Get user by user id]",
                null,
                null));
  }

  @Test
  void onlineBoutiqueGoServiceLine() {
    String raw =
        docker(
            "{\"message\":\"TraceID: "
                + T
                + " SpanID: "
                + S
                + " Query product with name and description successfully\",\"severity\":\"info\","
                + "\"timestamp\":\"2022-08-22T05:18:42.963852011Z\"}");

    assertThat(LogParser.parse(raw))
        .isEqualTo(
            new ParsedLog(
                "INFO",
                "TraceID: "
                    + T
                    + " SpanID: "
                    + S
                    + " Query product with name and description successfully",
                T,
                S));
  }

  @Test
  void onlineBoutiqueNodeServiceLineKeepsItsLoggerName() {
    String raw =
        docker(
            "{\"severity\":\"info\",\"pid\":1,\"hostname\":\"currencyservice-0-x\",\"name\":"
                + "\"currencyservice-server\",\"message\":\"TraceID: "
                + T
                + " SpanID: "
                + S
                + " Get currency data successful\",\"v\":1}");

    assertThat(LogParser.parse(raw).message())
        .isEqualTo(
            "currencyservice-server TraceID: "
                + T
                + " SpanID: "
                + S
                + " Get currency data successful");
    assertThat(LogParser.parse(raw).severity()).isEqualTo("INFO");
  }

  @Test
  void onlineBoutiqueFrontendLineWithRequestFields() {
    String raw =
        docker(
            "{\"http.req.id\":\"16fbfb2d-0000-4d6a-a870-1f1f6d347d5a\",\"http.req.method\":\"GET\","
                + "\"http.req.path\":\"/product/0PUK6V6EV0\",\"http.resp.status\":200,\"message\":"
                + "\"TraceID: "
                + T
                + " SpanID: "
                + S
                + " Request complete\",\"severity\":\"info\",\"timestamp\":\"2022-08-22T05:18:42Z\"}");

    assertThat(LogParser.parse(raw))
        .isEqualTo(
            new ParsedLog("INFO", "TraceID: " + T + " SpanID: " + S + " Request complete", T, S));
  }

  @Test
  void onlineBoutiquePythonLineWithQuotesInside() {
    String raw =
        docker(
            "{\"timestamp\": \"2022-08-22T05:18:42.908318Z\", \"severity\": \"INFO\", \"name\":"
                + " \"recommendationservice-server\", \"message\": \"TraceID: "
                + T
                + " SpanID: "
                + S
                + " List Recommendations product_ids=['9SIQT8TOJO', 'L9ECAV7KIM']\"}");

    assertThat(LogParser.parse(raw))
        .isEqualTo(
            new ParsedLog(
                "INFO",
                "recommendationservice-server TraceID: "
                    + T
                    + " SpanID: "
                    + S
                    + " List Recommendations product_ids=['9SIQT8TOJO', 'L9ECAV7KIM']",
                T,
                S));
  }

  @Test
  void onlineBoutiqueJavaAndCSharpTextLines() {
    String java =
        docker(
            "05:18:42.995 INFO  - TraceID: " + T + " SpanID: " + S + " Get Ads by Category finish");
    String csharp =
        docker(
            "TraceID: "
                + T
                + " SpanID: "
                + S
                + " GetCartAsync called with userId=72330e75-0000-4f5e-a858-eb9ba89727f8");

    assertThat(LogParser.parse(java))
        .isEqualTo(
            new ParsedLog(
                "INFO", "TraceID: " + T + " SpanID: " + S + " Get Ads by Category finish", T, S));
    assertThat(LogParser.parse(csharp))
        .isEqualTo(
            new ParsedLog(
                null,
                "TraceID: "
                    + T
                    + " SpanID: "
                    + S
                    + " GetCartAsync called with userId=72330e75-0000-4f5e-a858-eb9ba89727f8",
                T,
                S));
  }

  @Test
  void onlineBoutiqueCheckoutLineWithEscapedQuotes() {
    String raw =
        docker(
            "{\"message\":\"TraceID: "
                + T
                + " SpanID: "
                + S
                + " PlaceOrder user_id=\\\"0f829508\\\" user_currency=\\\"USD\\\"\",\"severity\":\"info\"}");

    assertThat(LogParser.parse(raw).message())
        .isEqualTo(
            "TraceID: "
                + T
                + " SpanID: "
                + S
                + " PlaceOrder user_id=\"0f829508\" user_currency=\"USD\"");
  }

  /** Docker's json-file line around a log line. */
  private static String docker(String line) {
    String escaped = line.replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"log\":\""
        + escaped
        + "\\n\",\"stream\":\"stdout\",\"time\":\"2023-01-29T08:42:22.383150913Z\"}";
  }
}
