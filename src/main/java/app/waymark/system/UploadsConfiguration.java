package app.waymark.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.multipart.DefaultPartHttpMessageReader;
import org.springframework.http.codec.multipart.MultipartHttpMessageReader;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Bounds what a multipart form may make the server read. The CSRF check reads a multipart
 * body to find its token before anyone is known to be signed in, so without bounds anyone
 * could make the server store any number of parts of any size on disk.
 */
@Configuration(proxyBeanMethods = false)
class UploadsConfiguration implements WebFluxConfigurer {

	/**
	 * Parts held in memory up to this size; a file part beyond it goes to a temp file.
	 */
	static final int IN_MEMORY = 64 * 1024;

	@Override
	public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
		DefaultPartHttpMessageReader parts = new DefaultPartHttpMessageReader();
		parts.setMaxParts(Uploads.MAX_PARTS);
		parts.setMaxDiskUsagePerPart(Uploads.MAX_PART_BYTES);
		parts.setMaxInMemorySize(IN_MEMORY);
		configurer.defaultCodecs().multipartReader(new MultipartHttpMessageReader(parts));
	}

}
