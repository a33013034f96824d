package app.waymark.knowledge;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IntroductionTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
							hello, i am 16 years old from sudan. i need money for the bus, how i can apply? | i need money for the bus, how i can apply?
							hi miss i am 19 from eritrea. can i get the bursary? | can i get the bursary?
							salam. im 18 yrs old. i live in a hostel. where do i get a gp | i live in a hostel. where do i get a gp
							good morning my name is ali i am from afghanistan. bus pass for college | bus pass for college
							i am 17, am i too old for staying put? | i am 17, am i too old for staying put?
							i am 20 and i left care last year and my college says i am too old for the bursary money now | i am 20 and i left care last year and my college says i am too old for the bursary money now
							i am 17 from eritrea and need money for college books. can you help | i am 17 from eritrea and need money for college books. can you help
					hello | hello
							i am from albania. | i am from albania.
							how do i get a railcard | how do i get a railcard
							""")
	void leavesOutTheGreetingAndWhoIsAsking(String question, String searched) {
		assertThat(Introduction.without(question)).isEqualTo(searched);
	}

}
