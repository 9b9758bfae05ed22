package fi.hel.callrec.console.i18n;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: the one the person chose with the switch (a cookie), else the first
 * of Finnish, Swedish and English among the browser's languages, else Finnish.
 */
@RequestScoped
@Named("language")
public class Language {

    public static final String COOKIE = "callrec-lang";
    public static final List<String> SUPPORTED = List.of("fi", "sv", "en");

    @Inject
    HttpServerRequest request;

    private String code;

    public String code() {
        if (code == null) {
            Cookie chosen = request.getCookie(COOKIE);
            code = chosen != null && SUPPORTED.contains(chosen.getValue()) ? chosen.getValue()
                    : fromAcceptLanguage(request.getHeader("Accept-Language"));
        }
        return code;
    }

    /** A language the switch offers, named in itself. */
    public record Choice(String code, String name, boolean current) {
    }

    public List<Choice> choices() {
        return List.of(new Choice("fi", "Suomi", code().equals("fi")), new Choice("sv", "Svenska", code().equals("sv")),
                new Choice("en", "English", code().equals("en")));
    }

    public Locale locale() {
        return Locale.forLanguageTag(code());
    }

    /** The path of this page, for the language switch to come back to. */
    public String here() {
        return request.path();
    }

    static String fromAcceptLanguage(String header) {
        if (header != null && !header.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (SUPPORTED.contains(language)) {
                        return language;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // An unreadable header chooses nothing.
            }
        }
        return "fi";
    }
}
