package fi.hel.callrec.ingest.rest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import fi.hel.callrec.commons.problem.Problem;
import fi.hel.callrec.commons.problem.ProblemException;
import fi.hel.callrec.commons.problem.ProblemMappers;
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
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

@Path("/recordings")
@Tag(name = "Recordings", description = "Recordings sent in by the telephony platform")
public class RecordingResource {

    private static final Set<String> WAV_TYPES = Set.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave");

    private final IngestService service;
    private final IngestConfig config;
    private final Validator validator;
    private final ObjectReader metadataReader;

    public RecordingResource(IngestService service, IngestConfig config, Validator validator, ObjectMapper mapper) {
        this.service = service;
        this.config = config;
        this.validator = validator;
        // Strict: a misspelt field is an integration bug the sender should hear about, and the
        // call's own offset is kept as sent.
        this.metadataReader = mapper.readerFor(RecordingMetadata.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .without(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("recorder")
    @Operation(summary = "Store a call recording",
            description = "Multipart with a `metadata` part (JSON) and an `audio` part (audio/wav). "
                    + "The same callId with the same audio answers 200 with the first receipt.")
    @APIResponse(responseCode = "201", description = "Stored; Location names the receipt")
    @APIResponse(responseCode = "200", description = "This call was stored before with the same audio")
    @APIResponse(responseCode = "400", description = "Metadata or audio not valid (problem details)")
    @APIResponse(responseCode = "409", description = "This call was stored before with different audio")
    @APIResponse(responseCode = "413", description = "Audio larger than the configured limit")
    @APIResponse(responseCode = "415", description = "Audio is not a WAV this service accepts")
    @APIResponse(responseCode = "503", description = "Object store or database unavailable; nothing recorded; see Retry-After")
    public Response upload(@RestForm("metadata") String metadata, @RestForm("audio") FileUpload audio) {
        RecordingMetadata parsed = parseMetadata(metadata);
        checkAudioPart(audio);
        IngestService.Ingested result = service.ingest(parsed, audio.uploadedFile(), audio.size());
        RecordingReceipt receipt = RecordingReceipt.of(result.recording());
        return result.created()
                ? Response.created(URI.create("/recordings/" + receipt.recordingId())).entity(receipt).build()
                : Response.ok(receipt).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("recorder")
    @Operation(summary = "The ingest receipt of a recording, for the sender to confirm")
    @APIResponse(responseCode = "404", description = "No such recording")
    public RecordingReceipt get(@PathParam("id") UUID id) {
        return service.find(id).map(RecordingReceipt::of)
                .orElseThrow(() -> new ProblemException(404, "No recording " + id + "."));
    }

    private RecordingMetadata parseMetadata(String json) {
        if (json == null || json.isBlank()) {
            throw new ProblemException(400, "The multipart part 'metadata' (JSON) is required.",
                    List.of(new Problem.FieldError("metadata", "required")));
        }
        RecordingMetadata metadata;
        try {
            metadata = metadataReader.readValue(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemMappers.fromJson(e, "metadata");
        }
        if (metadata == null) {
            throw new ProblemException(400, "The metadata must be a JSON object.");
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

    private void checkAudioPart(FileUpload audio) {
        if (audio == null) {
            throw new ProblemException(400, "The multipart part 'audio' (audio/wav file) is required.",
                    List.of(new Problem.FieldError("audio", "required")));
        }
        String type = audio.contentType() == null ? "" : audio.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!WAV_TYPES.contains(type)) {
            throw new ProblemException(415, "The audio part has Content-Type '" + type + "'; accepted: audio/wav, audio/x-wav, audio/wave.");
        }
        if (audio.size() == 0) {
            throw new ProblemException(400, "The audio part is empty.");
        }
        if (audio.size() > config.maxAudioSize().asLongValue()) {
            throw new ProblemException(413, "The audio is " + audio.size() + " bytes; the limit is "
                    + config.maxAudioSize().asLongValue() + " bytes.");
        }
    }
}
