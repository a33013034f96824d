package app.waymark.system;

import java.security.SecureRandom;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sealing reuses its ciphers and MACs: each seal still has its own nonce, the key still
 * decides, and many threads at once each get their own text back.
 */
class SealerTests {

	private final Sealer sealer = new Sealer(new SecureRandom().generateSeed(32));

	@Test
	void sealsOpenAndHashWithANewNonceEachTime() {
		String first = this.sealer.seal("+447700900123");
		String second = this.sealer.seal("+447700900123");
		assertThat(first).isNotEqualTo(second);
		assertThat(this.sealer.open(first)).isEqualTo("+447700900123");
		assertThat(this.sealer.open(second)).isEqualTo("+447700900123");
		assertThat(this.sealer.hash("+447700900123")).isEqualTo(this.sealer.hash("+447700900123"))
			.isNotEqualTo(this.sealer.hash("+447700900124"))
			.hasSize(64);
		assertThat(this.sealer.seal(null)).isNull();
		assertThat(this.sealer.open(null)).isNull();
	}

	@Test
	void aFailedOpenLeavesTheSealerWorking() {
		String sealed = new Sealer(new SecureRandom().generateSeed(32)).seal("another key");
		assertThatThrownBy(() -> this.sealer.open(sealed)).isInstanceOf(IllegalStateException.class);
		assertThatThrownBy(() -> this.sealer.open("not base64!")).isInstanceOf(IllegalStateException.class);
		assertThat(this.sealer.open(this.sealer.seal("still fine"))).isEqualTo("still fine");
	}

	@Test
	void manyThreadsAtOnceEachGetTheirOwnText() {
		List<String> texts = IntStream.range(0, 4000).mapToObj(i -> "message " + i).toList();
		List<String> opened = texts.parallelStream().map(this.sealer::seal).map(this.sealer::open).toList();
		assertThat(opened).isEqualTo(texts);
		List<String> hashes = texts.parallelStream().map(this.sealer::hash).toList();
		assertThat(hashes).isEqualTo(texts.stream().map(this.sealer::hash).toList());
	}

}
