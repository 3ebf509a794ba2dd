package dev.culprit.feedback;

import dev.culprit.model.Feedback;

/** Feedback as one sentence a person reads, for the command line and the confirmation page. */
public final class FeedbackText {
  private FeedbackText() {}

  /** For example "incident inc-1 is a false positive (by ana)". */
  public static String describe(Feedback f) {
    String what =
        switch (f.kind()) {
          case FALSE_POSITIVE -> "incident " + f.incidentId() + " is a false positive";
          case ROOT_CAUSE ->
              "the root cause of incident " + f.incidentId() + " is " + f.rootCause();
        };
    return what + (f.author() == null ? "" : " (by " + f.author() + ")");
  }
}
