package dev.culprit.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One HTTP request and its answer, as the receivers and {@link Endpoint}s see it: the method, path,
 * query and headers of the request, its body as a stream, and one answer sent with {@link #send}.
 * Answering completes the exchange; a second answer is refused.
 */
public final class Exchange {
  private final Request request;
  private final Response response;
  private final Callback callback;
  private boolean sent;
  private int status;

  Exchange(Request request, Response response, Callback callback) {
    this.request = request;
    this.response = response;
    this.callback = callback;
  }

  /** The request method, upper case. */
  public String method() {
    return request.getMethod();
  }

  /** The path as sent (not URL-decoded), without the query. */
  public String path() {
    return request.getHttpURI().getPath();
  }

  /** The query as sent (still URL-encoded), or null. */
  public String rawQuery() {
    return request.getHttpURI().getQuery();
  }

  /** The first value of request header {@code name} (any case), or null. */
  public String header(String name) {
    return request.getHeaders().get(name);
  }

  /** The request's declared body length, or -1 when it did not declare one. */
  long contentLength() {
    return request.getLength();
  }

  /** The request body, read as it arrives. */
  InputStream body() {
    return Content.Source.asInputStream(request);
  }

  /** Sets response header {@code name}, replacing an earlier value. */
  public void setHeader(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** Answers with {@code status} and a UTF-8 text body of {@code contentType}. */
  public void send(int status, String contentType, String body) {
    send(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Answers with {@code status} and {@code body} of {@code contentType}. */
  public void send(int status, String contentType, byte[] body) {
    if (sent) {
      throw new IllegalStateException("already answered " + method() + " " + path());
    }
    sent = true;
    this.status = status;
    closeUnlessBodyConsumed();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * An answer sent before the request body arrived in full (a 401, 413 or 415 decided on the
   * headers, or a body read only up to its limit) says {@code Connection: close}: the server closes
   * that connection after answering, since the rest of the body would be read as the next request,
   * and a client that reused it would find it closed under its next request.
   */
  private void closeUnlessBodyConsumed() {
    if (!request.consumeAvailable()) {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
  }

  /**
   * Starts an answer of {@code status} whose body is written as it is made (server-sent events):
   * each {@link OutputStream#flush()} sends what was written, blocking until it is sent, and {@link
   * OutputStream#close()} ends the answer and completes the exchange. A write fails with an {@link
   * IOException} once the client has gone away.
   */
  public OutputStream stream(int status, String contentType) {
    if (sent) {
      throw new IllegalStateException("already answered " + method() + " " + path());
    }
    sent = true;
    this.status = status;
    closeUnlessBodyConsumed();
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    OutputStream out = Content.Sink.asOutputStream(response);
    return new OutputStream() {
      private boolean closed;

      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        if (closed) {
          return;
        }
        closed = true;
        try {
          out.close();
          callback.succeeded();
        } catch (IOException | RuntimeException e) {
          callback.failed(e);
          throw e;
        }
      }
    };
  }

  /** The status of the answer sent, 0 before one was sent. */
  int status() {
    return status;
  }

  /** Whether an answer was sent. */
  boolean sent() {
    return sent;
  }
}
