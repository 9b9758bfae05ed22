package fi.hel.callrec.console.i18n;

import io.quarkus.qute.i18n.MessageBundle;

/**
 * The texts of training copies ({@code {training:...}} in templates), in
 * {@code messages/training_en.properties}, {@code training_fi.properties} and {@code training_sv.properties}.
 */
@MessageBundle(value = "training", locale = "en")
public interface TrainingMessages {

    String nav();
    String intro();
    String none();
    String caption();
    String title();
    String made();
    String source();
    String made_by();
    String listen();
    String player_label(String title);
    String make_heading();
    String title_help();
    String passages();
    String passages_help();
    String make_button();
    String not_a_passage(int line);
}
