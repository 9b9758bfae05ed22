package fi.hel.callrec.console.i18n;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of training copies ({@code {training:...}} in templates). English here; Finnish and
 * Swedish in {@code messages/training_fi.properties} and {@code training_sv.properties}.
 */
@MessageBundle(value = "training", locale = "en")
public interface TrainingMessages {

    @Message("Training copies")
    String nav();

    @Message("Anonymised copies of calls for training: the passages marked by a supervisor are replaced by a tone and"
            + " every voice is disguised. Listening to a copy is recorded in the audit log.")
    String intro();

    @Message("No training copies yet.")
    String none();

    @Message("Training copies, newest first")
    String caption();

    @Message("Title")
    String title();

    @Message("Made")
    String made();

    @Message("Source call")
    String source();

    @Message("Made by")
    String made_by();

    @Message("Listen")
    String listen();

    @Message("Play {title}")
    String player_label(String title);

    @Message("Make a training copy")
    String make_heading();

    @Message("Say what the call teaches. Do not name the caller.")
    String title_help();

    @Message("Passages to blank out")
    String passages();

    @Message("One per line: start and end as the player shows them, e.g. 12.5-15 or 1:02-1:05. Mark every name,"
            + " number, plate, address and anything else that identifies a person: what is not marked stays audible.")
    String passages_help();

    @Message("Make the copy")
    String make_button();

    @Message("Line {line} of the passages is not a passage: write the start and the end, e.g. 12.5-15.")
    String not_a_passage(int line);
}
