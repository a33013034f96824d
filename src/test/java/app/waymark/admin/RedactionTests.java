package app.waymark.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RedactionTests {

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			UK mobile           | call me on 07700 900123 please      | call me on [phone] please
			international       | ring +44 (0)7700-900-123 now        | ring [phone] now
			email               | write to sam.o@example.org ok       | write to [email] ok
			long digit run      | my NI is AB123456C, ref 1234567     | my NI is AB[number]C, ref [number]
			name after my name  | Hi my name is Sam Okafor and I need | Hi my name is [name] and I need
			name lower case     | my name is jo, help                 | my name is [name], help
			short numbers stay  | I am 19 and need 200 pounds         | I am 19 and need 200 pounds
			""")
	void personalDetailsBecomePlaceholders(String label, String text, String expected) {
		assertThat(Redaction.redact(text)).isEqualTo(expected);
	}

	/**
	 * Messages as young people write them (names, addresses and postcodes made up, in the
	 * City of London's streets), and questions that must come through untouched.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					full name and address     | i am Jordan Blake, i live at 14 Golden Lane EC1Y 0RN       | i am [name], i live at [address] [postcode]
					name after im             | im Amira, can i get help with rent                        | im [name], can i get help with rent
					this is and a tower flat  | this is Mohammed from flat 3 Petticoat Tower              | this is [name] from [address]
					flat, number and street   | my address is Flat 12, 22 Aldersgate Street, London EC1A 4HD | my address is [address], London [postcode]
					title and surname         | can Mr Patel call me back                                 | can [name] call me back
					worker's full name        | my pa Sarah Jones said i can get a grant                  | my pa [name] said i can get a grant
					worker called             | my worker is called Dave                                  | my worker is called [name]
					estate without a number   | i live in Golden Lane Estate and the heating is broken    | i live in [address] and the heating is broken
					postcode lower case       | postcode is n1 9gu                                        | postcode is [postcode]
					all lower case address    | I'm staying at 5 petticoat square e1 7ea                  | I'm staying at [address] [postcode]
					number with a letter      | i live at 7b mansell street                               | i live at [address]
					sign-off                  | ok thanks, Jordan                                         | ok thanks, [name]
					nationality is no name    | I am Eritrean, can i study                                | I am Eritrean, can i study
					feeling is no name        | I am homeless tonight                                     | I am homeless tonight
					ages and amounts stay     | im 19 and need 200 pounds for a deposit                   | im 19 and need 200 pounds for a deposit
					benefit names stay        | how do i get Universal Credit                             | how do i get Universal Credit
					council tax stays         | what is Council Tax                                       | what is Council Tax
					two ways stay             | is there 1 more way to pay                                | is there 1 more way to pay
					bed count stays           | can i get a 2 bed flat                                    | can i get a 2 bed flat
					""")
	void realLookingMessagesLoseNamesAddressesAndPostcodes(String label, String text, String expected) {
		assertThat(Redaction.redact(text)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			How do I get a railcard?     | railcard
			railcard how get I do        | railcard
			Council tax, council TAX!    | council tax
			""")
	void wordingIsSortedUniqueContentWords(String text, String wording) {
		assertThat(Redaction.wording(Redaction.redact(text))).isEqualTo(wording);
	}

}
