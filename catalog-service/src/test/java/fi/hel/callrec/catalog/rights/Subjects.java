package fi.hel.callrec.catalog.rights;

import java.util.concurrent.ThreadLocalRandom;

/** A subject's phone number no other test uses, and its spellings as people write it. */
record Subjects(String digits) {

    static Subjects fresh() {
        return new Subjects(Integer.toString(ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999)));
    }

    String e164() {
        return "+35840" + digits;
    }

    String local() {
        return "040 " + digits.substring(0, 3) + " " + digits.substring(3);
    }

    String international() {
        return "+358 40 " + digits;
    }

    String dialled() {
        return "00358 40" + digits;
    }
}
