package fi.hel.callrec.ingest.rest;

import fi.hel.callrec.commons.problem.ProblemException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.fileupload2.core.AbstractFileUpload;
import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.RequestContext;

/**
 * The parts of a {@code multipart/form-data} request body, one after the other as they arrive,
 * each readable as a stream: nothing is spooled to disk or collected in memory.
 */
final class MultipartStream {

    /** The raw request as the parser needs it. */
    record RawRequest(String contentType, long contentLength, InputStream body) implements RequestContext {
        @Override
        public String getCharacterEncoding() {
            return StandardCharsets.UTF_8.name();
        }

        @Override
        public long getContentLength() {
            return contentLength;
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public InputStream getInputStream() {
            return body;
        }

        @Override
        public boolean isMultipartRelated() {
            return false;
        }
    }

    /** Only the streaming half of commons-fileupload is used: the item factory is never asked for an item. */
    private static final class Parser extends AbstractFileUpload<RawRequest, DiskFileItem, DiskFileItemFactory> {
        @Override
        public FileItemInputIterator getItemIterator(RawRequest request) throws FileUploadException, IOException {
            return getItemIterator((RequestContext) request);
        }

        @Override
        public java.util.Map<String, java.util.List<DiskFileItem>> parseParameterMap(RawRequest request) {
            throw new UnsupportedOperationException("parts are streamed, never collected");
        }

        @Override
        public java.util.List<DiskFileItem> parseRequest(RawRequest request) {
            throw new UnsupportedOperationException("parts are streamed, never collected");
        }
    }

    private final FileItemInputIterator parts;

    private MultipartStream(FileItemInputIterator parts) {
        this.parts = parts;
    }

    /**
     * Starts reading a request body.
     *
     * @throws ProblemException 400 when the Content-Type is not multipart or names no boundary
     */
    static MultipartStream of(RawRequest request) throws IOException {
        try {
            return new MultipartStream(new Parser().getItemIterator(request));
        } catch (FileUploadException e) {
            throw new ProblemException(400, "The request is not multipart/form-data with a boundary: " + e.getMessage());
        }
    }

    /**
     * The next part; reading it ends the one before. Null after the last part.
     *
     * @throws IOException the body ended before its closing boundary, or the client went away
     */
    FileItemInput next() throws IOException {
        return parts.hasNext() ? parts.next() : null;
    }
}
