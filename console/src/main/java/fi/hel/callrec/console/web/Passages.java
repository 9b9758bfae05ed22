package fi.hel.callrec.console.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The passages a supervisor marks to be blanked out of a training copy, as typed: one per line,
 * {@code start-end}, each time in seconds ({@code 12.5}) or minutes and seconds ({@code 1:02.5})
 * as the player shows it.
 */
final class Passages {

    private static final String TIME = "(?:(\\d{1,3}):)?(\\d{1,5}(?:[.,]\\d{1,3})?)";
    private static final Pattern LINE = Pattern.compile("\\s*" + TIME + "\\s*[-–]\\s*" + TIME + "\\s*");

    private Passages() {
    }

    /** A line that is not a passage, numbered from 1. */
    static final class NotAPassage extends Exception {
        final int line;

        NotAPassage(int line) {
            super("line " + line, null, false, false);
            this.line = line;
        }
    }

    /** The spans of the access-service request; blank lines are skipped. */
    static List<Map<String, Object>> parse(String text) throws NotAPassage {
        List<Map<String, Object>> spans = new ArrayList<>();
        if (text == null) {
            return spans;
        }
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines[i]);
            if (!m.matches()) {
                throw new NotAPassage(i + 1);
            }
            spans.add(Map.of("start", seconds(m.group(1), m.group(2)), "end", seconds(m.group(3), m.group(4))));
        }
        return spans;
    }

    private static double seconds(String minutes, String seconds) {
        double s = Double.parseDouble(seconds.replace(',', '.'));
        return minutes == null ? s : Integer.parseInt(minutes) * 60 + s;
    }
}
