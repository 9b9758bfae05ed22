package fi.hel.callrec.catalog.rights;

import fi.hel.callrec.events.ServiceLine;
import java.util.Map;

/** The words of the printed documents in Finnish and English. */
final class Labels {

    static final String CONTROLLER_FI = "Helsingin kaupunki, rakennusviraston asiakaspalvelu";
    static final String CONTROLLER_EN = "City of Helsinki, Public Works Department customer service";
    static final String REGISTER_FI = "Asiakaspalvelun puheluiden tallennusrekisteri";
    static final String REGISTER_EN = "Register of recorded customer-service calls";
    static final String OMBUDSMAN_FI = "Voitte saattaa asian tietosuojavaltuutetun käsiteltäväksi: "
            + "Tietosuojavaltuutetun toimisto, PL 135, 00181 Helsinki.";
    static final String OMBUDSMAN_EN = "You may bring the matter to the Data Protection Ombudsman: "
            + "Tietosuojavaltuutetun toimisto (Office of the Data Protection Ombudsman), PL 135, 00181 Helsinki.";

    private static final Map<String, String> FI = Map.ofEntries(
            Map.entry("title", "Rekisteröidyn tiedot"),
            Map.entry("controller", CONTROLLER_FI),
            Map.entry("register", REGISTER_FI),
            Map.entry("request", "Pyyntö"),
            Map.entry("subjectNumber", "Puhelinnumero"),
            Map.entry("subjectName", "Nimi"),
            Map.entry("receivedOn", "Pyyntö vastaanotettu"),
            Map.entry("producedAt", "Laadittu"),
            Map.entry("producedBy", "Laatija"),
            Map.entry("calls", "Tallennetut puhelut"),
            Map.entry("noCalls", "Rekisterissä ei ole tällä numerolla tallennettuja puheluita."),
            Map.entry("startedAt", "Alkoi"),
            Map.entry("endedAt", "Päättyi"),
            Map.entry("duration", "Kesto (s)"),
            Map.entry("serviceLine", "Palvelulinja"),
            Map.entry("callerName", "Kertomanne nimi"),
            Map.entry("callerAddress", "Kertomanne osoite"),
            Map.entry("vehicleRegistration", "Rekisteritunnus"),
            Map.entry("callerContact", "Yhteystieto"),
            Map.entry("serviceNotes", "Palvelumerkinnät"),
            Map.entry("hold", "Säilytys"),
            Map.entry("held", "säilytetään rikos- tai vahinkoilmoituksen vuoksi"),
            Map.entry("notHeld", "poistetaan viimeistään kuuden kuukauden kuluttua puhelusta"),
            Map.entry("audio", "Äänitallenne"),
            Map.entry("retention", "Puhelut tallennetaan ja säilytetään enintään kuusi kuukautta. Tarkastus on "
                    + "maksuton kerran vuodessa."));

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Data about the data subject"),
            Map.entry("controller", CONTROLLER_EN),
            Map.entry("register", REGISTER_EN),
            Map.entry("request", "Request"),
            Map.entry("subjectNumber", "Phone number"),
            Map.entry("subjectName", "Name"),
            Map.entry("receivedOn", "Request received"),
            Map.entry("producedAt", "Produced"),
            Map.entry("producedBy", "Produced by"),
            Map.entry("calls", "Recorded calls"),
            Map.entry("noCalls", "The register holds no recorded call from this number."),
            Map.entry("startedAt", "Started"),
            Map.entry("endedAt", "Ended"),
            Map.entry("duration", "Duration (s)"),
            Map.entry("serviceLine", "Service line"),
            Map.entry("callerName", "Name you gave"),
            Map.entry("callerAddress", "Address you gave"),
            Map.entry("vehicleRegistration", "Vehicle registration"),
            Map.entry("callerContact", "Contact"),
            Map.entry("serviceNotes", "Service notes"),
            Map.entry("hold", "Keeping"),
            Map.entry("held", "kept because a crime or an accident was reported"),
            Map.entry("notHeld", "deleted at the latest six months after the call"),
            Map.entry("audio", "Audio recording"),
            Map.entry("retention", "Calls are recorded and kept for at most six months. Checking one's data is free "
                    + "once a year."));

    private static final Map<String, String> LINES_FI = Map.of(
            ServiceLine.STREETS_AND_GREEN_AREAS.code(), "Katu- ja viheralueneuvonta",
            ServiceLine.FEEDBACK.code(), "Palaute",
            ServiceLine.PARKING_AND_FINES.code(), "Pysäköinti ja pysäköintivirhemaksut",
            ServiceLine.PARKING_PERMITS.code(), "Asukas- ja yrityspysäköintitunnukset ja niiden laskutus");

    private Labels() {
    }

    static Map<String, String> of(String lang) {
        return "en".equals(lang) ? EN : FI;
    }

    /** A service line's name; a code this version does not know is shown as it is. */
    static String serviceLine(String code, String lang) {
        if ("en".equals(lang)) {
            return ServiceLine.fromCode(code).map(ServiceLine::description).orElse(code);
        }
        return LINES_FI.getOrDefault(code, code);
    }

    static String changeType(String type, String lang) {
        boolean en = "en".equals(lang);
        return switch (type) {
            case "replace" -> en ? "correct to" : "korjataan muotoon";
            case "delete" -> en ? "delete" : "poistetaan";
            case "complete" -> en ? "complete with" : "täydennetään";
            default -> type;
        };
    }
}
