package dev.ticketing.examples.desk;

import dev.ticketing.policy.Actor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;

/**
 * One client's open {@code text/event-stream}, written frame by frame as the hub ({@link LiveHub})
 * formats them ({@code id: }, {@code event: }, {@code data: } lines, {@code : keep-alive}
 * comments). Frames wait in a bounded queue and are written on the hub's writer pool, one at a time
 * per stream and in order, so that a slow client never holds up the thread that committed a change
 * or the other clients.
 */
final class LiveStream extends ResponseBodyEmitter {
  static final MediaType EVENT_STREAM =
      new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8);
  private static final MediaType TEXT = new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8);

  private final Actor actor;
  private final int queueSize;
  // Not the emitter's own monitor: queueing must never wait for a write in progress.
  private final Object guard = new Object();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private boolean writing;
  private boolean ended;
  private @Nullable Runnable onEnd;

  LiveStream(Actor actor, Duration timeout, int queueSize) {
    super(timeout.toMillis());
    this.actor = actor;
    this.queueSize = queueSize;
    onCompletion(this::ended);
    onTimeout(this::end);
    onError(failure -> ended());
  }

  Actor actor() {
    return actor;
  }

  @Override
  protected void extendResponse(ServerHttpResponse outputMessage) {
    HttpHeaders headers = outputMessage.getHeaders();
    headers.setContentType(EVENT_STREAM);
    headers.setCacheControl("no-cache");
    // Reverse proxies (nginx) would otherwise hold events back until their buffer fills.
    headers.set("X-Accel-Buffering", "no");
  }

  /** Runs once when the stream ends, however it ends. */
  void onEnd(Runnable action) {
    synchronized (guard) {
      onEnd = action;
    }
  }

  /**
   * Queues a frame to be written on {@code writers}.
   *
   * @return false when the queue is full (the client is too far behind); true otherwise, also when
   *     the stream has ended (the frame is dropped)
   */
  boolean offer(String frame, Executor writers) {
    synchronized (guard) {
      if (ended) {
        return true;
      }
      if (queue.size() >= queueSize) {
        return false;
      }
      queue.addLast(frame);
      if (writing) {
        return true;
      }
      writing = true;
    }
    try {
      writers.execute(this::drain);
    } catch (RejectedExecutionException stopped) {
      end();
    }
    return true;
  }

  private void drain() {
    while (true) {
      String frame;
      synchronized (guard) {
        frame = queue.pollFirst();
        if (frame == null || ended) {
          writing = false;
          return;
        }
      }
      try {
        send(frame, TEXT);
      } catch (IOException | IllegalStateException gone) {
        // The client went away (or the stream was completed meanwhile).
        ended();
        try {
          completeWithError(gone);
        } catch (IllegalStateException alreadyComplete) {
          // nothing left to complete
        }
        return;
      }
    }
  }

  /** Ends the stream from the server's side: the client may reconnect. */
  void end() {
    ended();
    try {
      complete();
    } catch (IllegalStateException alreadyComplete) {
      // completed meanwhile
    }
  }

  private void ended() {
    Runnable action;
    synchronized (guard) {
      if (ended) {
        return;
      }
      ended = true;
      queue.clear();
      action = onEnd;
      onEnd = null;
    }
    if (action != null) {
      action.run();
    }
  }
}
