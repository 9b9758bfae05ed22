package fi.hel.callrec.ingest.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.problem.ProblemMappers;
import fi.hel.callrec.ingest.Recording;
import fi.hel.callrec.ingest.config.IngestConfig;
import fi.hel.callrec.ingest.service.IngestService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/recordings")
@Tag(name = "Recordings", description = "Recordings sent in by the telephony platform")
public class RecordingResource {

    private static final String METADATA = "metadata";
    private static final String AUDIO = "audio";
    /** Metadata is a few hundred bytes; the cap keeps a wrong part from being read into memory. */
    private static final int MAX_METADATA_BYTES = 64 * 1024;
    private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");

    private final IngestService service;
    private final IngestConfig config;
    private final Validator validator;
    private final ObjectReader metadataReader;

    public RecordingResource(IngestService service, IngestConfig config, Validator validator, ObjectMapper mapper) {
        this.service = service;
        this.config = config;
        this.validator = validator;
        // The service's mapper refuses unknown fields; the call's own offset is kept as sent.
        this.metadataReader = mapper.readerFor(RecordingMetadata.class)
                .without(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("recorder")
    @Operation(summary = "Store a call recording",
            description = "Multipart with a `metadata` part (JSON) followed by an `audio` part (audio/wav); "
                    + "the metadata must come first, because the audio is stored as it arrives. "
                    + "The same callId with the same audio answers 200 with the first receipt.")
    @APIResponse(responseCode = "201", description = "Stored; Location names the receipt")
    @APIResponse(responseCode = "200", description = "This call was stored before with the same audio")
    @APIResponse(responseCode = "400", description = "Metadata or audio not valid (problem details)")
    @APIResponse(responseCode = "409", description = "This call was stored before with different audio")
    @APIResponse(responseCode = "413", description = "Audio larger than the configured limit")
    @APIResponse(responseCode = "415", description = "Audio is not a WAV this service accepts")
    @APIResponse(responseCode = "503", description = "Object store or database unavailable; nothing recorded; see Retry-After")
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) @DefaultValue("-1") long contentLength, InputStream body) {
        try {
            MultipartStream parts = MultipartStream.of(contentType, body);
            RecordingMetadata metadata = parseMetadata(metadataPart(parts));
            MultipartStream.Part audio = audioPart(parts);
            // A refusal leaves the rest of the body unread: reading it could mean up to the whole limit.
            IngestService.Ingested result = service.ingest(metadata.toUpload(audio.body(), contentLength,
                    config.clockSkew()));
            skipRest(parts);
            RecordingReceipt receipt = RecordingReceipt.of(result.recording());
            return result.created()
                    ? Response.created(URI.create("/recordings/" + receipt.recordingId())).entity(receipt).build()
                    : Response.ok(receipt).build();
        } catch (IOException e) {
            // Also what a client that went away mid-upload causes; then nobody reads the answer.
            throw new ProblemException(400, "The request body ended before the multipart body was complete: "
                    + e.getMessage());
        }
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("recorder")
    @Operation(summary = "The ingest receipt of a recording, for the sender to confirm")
    @APIResponse(responseCode = "404", description = "No such recording")
    public RecordingReceipt get(@PathParam("id") UUID id) {
        return Recording.<Recording>findByIdOptional(id).map(RecordingReceipt::of)
                .orElseThrow(() -> new ProblemException(404, "No recording " + id + "."));
    }

    /** Reads to the closing boundary, for the connection's next request; the recording is stored by now. */
    private static void skipRest(MultipartStream parts) {
        try {
            while (parts.next() != null) {
                // Parts after the audio carry nothing for us.
            }
        } catch (IOException e) {
            // A body that breaks after the audio part no longer matters.
        }
    }

    /** The metadata must come first: the audio goes to the store as it arrives. */
    private byte[] metadataPart(MultipartStream parts) throws IOException {
        MultipartStream.Part part = parts.next();
        while (part != null && !METADATA.equals(part.name()) && !AUDIO.equals(part.name())) {
            part = parts.next();
        }
        if (part == null || AUDIO.equals(part.name())) {
            throw new ProblemException(400, "The multipart part 'metadata' (JSON) is required, before the part 'audio'.",
                    List.of(new Problem.FieldError(METADATA, part == null ? "required" : "must come before the part 'audio'")));
        }
        byte[] json = part.body().readNBytes(MAX_METADATA_BYTES + 1);
        if (json.length > MAX_METADATA_BYTES) {
            throw new ProblemException(413, "The metadata part is larger than " + MAX_METADATA_BYTES + " bytes.");
        }
        return json;
    }

    private MultipartStream.Part audioPart(MultipartStream parts) throws IOException {
        MultipartStream.Part part = parts.next();
        while (part != null && !AUDIO.equals(part.name())) {
            if (METADATA.equals(part.name())) {
                throw new ProblemException(400, "The multipart part 'metadata' was sent twice.",
                        List.of(new Problem.FieldError(METADATA, "sent twice")));
            }
            part = parts.next();
        }
        if (part == null) {
            throw new ProblemException(400, "The multipart part 'audio' (audio/wav file) is required.",
                    List.of(new Problem.FieldError(AUDIO, "required")));
        }
        String type = part.contentType() == null ? "" : part.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!WAV_TYPES.contains(type)) {
            throw new ProblemException(415, "The audio part has Content-Type '" + type + "'; accepted: audio/wav, audio/x-wav, audio/wave.");
        }
        return part;
    }

    private RecordingMetadata parseMetadata(byte[] json) throws IOException {
        RecordingMetadata metadata;
        try {
            metadata = json.length == 0 ? null : metadataReader.readValue(json);
        } catch (JsonProcessingException e) {
            throw ProblemMappers.fromJson(e, METADATA);
        }
        if (metadata == null) {
            throw new ProblemException(400, "The multipart part 'metadata' must be a JSON object.",
                    List.of(new Problem.FieldError(METADATA, "must be a JSON object")));
        }
        Set<ConstraintViolation<RecordingMetadata>> violations = validator.validate(metadata);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError("metadata." + v.getPropertyPath(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            throw new ProblemException(400, "The metadata is not valid: " + errors.size() + " field(s) rejected.", errors);
        }
        return metadata;
    }
}
