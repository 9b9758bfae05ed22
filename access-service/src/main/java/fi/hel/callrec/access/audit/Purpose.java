package fi.hel.callrec.access.audit;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Why a recording is listened to: the purposes the register description allows (R3), and subject access (R12). */
public enum Purpose {
    QUALITY("quality"),
    COMPLAINT("complaint"),
    TRAINING("training"),
    SUBJECT_ACCESS("subject-access");

    public static final String ACCEPTED = Arrays.stream(values()).map(Purpose::code).collect(Collectors.joining(", "));

    private final String code;

    Purpose(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<Purpose> fromCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
