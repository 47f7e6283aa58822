package com.terrifictotes.etl.testbed.source;

import java.util.List;

/**
 * Word lists in the style of the Python faker data ToteSys was seeded with (totesys.md §4), plus the awkward
 * characters real text brings: apostrophes, commas, double quotes and non-ASCII letters.
 */
final class Vocabulary {
    /** Every one of these appears in the addresses, whatever the seed. */
    static final List<String> REQUIRED_COUNTRIES = List.of(
            "Democratic People's Republic of Korea", "Côte d'Ivoire", "Poland", "Brazil");

    static final List<String> COUNTRIES = List.of(
            "Austria", "Antigua and Barbuda", "Bermuda", "Cayman Islands", "Saint Helena", "Turkey", "Greece",
            "Iceland", "Comoros", "Nicaragua", "Falkland Islands (Malvinas)", "Sao Tome and Principe",
            "Guinea-Bissau", "Lithuania", "United States Virgin Islands", "Iraq", "Tanzania", "Hong Kong",
            "Pitcairn Islands", "Heard Island and McDonald Islands", "Aruba", "Armenia", "Zimbabwe", "Svalbard",
            "Mauritius", "Réunion", "Curaçao", "Åland Islands", "Kiribati", "Samoa", "Bhutan", "Bahrain",
            "Liechtenstein", "Uruguay", "Senegal", "Mongolia", "Belgium", "Lao People's Democratic Republic");

    static final List<String> UK_COUNTIES = List.of(
            "Avon", "Bedfordshire", "Berkshire", "Buckinghamshire", "Cambridgeshire", "Cheshire", "Cornwall",
            "Cumbria", "Derbyshire", "Devon", "Dorset", "Durham", "East Sussex", "Essex", "Gloucestershire",
            "Hampshire", "Herefordshire", "Hertfordshire", "Kent", "Lancashire", "Leicestershire", "Lincolnshire",
            "Merseyside", "Norfolk", "Northamptonshire", "Northumberland", "Nottinghamshire", "Oxfordshire",
            "Shropshire", "Somerset", "Staffordshire", "Suffolk", "Surrey", "Warwickshire", "West Midlands",
            "Wiltshire", "Worcestershire", "North Yorkshire", "South Yorkshire", "West Yorkshire");

    /** Every one of these appears as a city, whatever the seed. */
    static final List<String> REQUIRED_CITIES = List.of("Łódź", "São Paulo", "Zoë's Crossing");

    static final List<String> CITY_PREFIXES = List.of("New", "East", "West", "North", "South", "Lake", "Port");
    static final List<String> CITY_SUFFIXES = List.of(
            "burgh", "ville", "fort", "side", "ton", "stad", "haven", "mouth", "land", "berg", "chester", "shire");
    static final List<String> STREET_SUFFIXES = List.of(
            "Via", "Rest", "Crescent", "Mews", "Ways", "Ramp", "Cliffs", "Fields", "Falls", "Loaf", "Motorway",
            "Hill", "Points", "Plaza", "Spurs", "Harbor", "Trail", "Causeway", "Island", "Flats", "Gardens");
    static final List<String> SECOND_LINES = List.of(
            "Apt. %d", "Suite %d", "Unit %d", "Flat %d");

    static final List<String> FIRST_NAMES = List.of(
            "Jeremie", "Deron", "Jeanette", "Ana", "Magdalena", "Korey", "Raphael", "Oswaldo", "Brody", "Jazmyn",
            "Meda", "Imani", "Stan", "Rick", "Pierre", "Flavio", "Maureen", "Mariela", "Zoë", "Renée", "Brynjar",
            "Eleanor", "Jürgen", "Siân", "Alfie", "Tobias", "Yasmin", "Pádraig", "Kirsty", "Declan");
    static final List<String> LAST_NAMES = List.of(
            "Franey", "Herzog", "Rippin", "Glover", "Bayer", "Kuhn", "Dare", "Bergnaum", "Hettinger", "Morar",
            "Lesch", "Walsh", "Hudson", "Ondricka", "Cronin", "O'Keefe", "O'Hara", "Kshlerin", "Ward", "Ankunding",
            "Grady", "Stiedemann", "Wolff", "Müller", "Schmeler", "Lebsack", "D'Amore", "Zieme", "Bins", "Yundt");

    /** Counterparty names: faker company formats, with the apostrophes, commas and quotes real names carry. */
    static final List<String> COMPANY_NAMES = List.of(
            "Fahey and Sons", "Leannon, Predovic and Morar", "Armstrong Inc", "Kohler Inc", "Frami, Yundt and Macejkovic",
            "Mraz LLC", "Padberg, Lueilwitz and Johnson", "Grant - Lakin", "Price LLC", "Bosco - Grant", "Lang Inc",
            "Kuhlman, \"Kuhn\" and Daniel", "Moen, O'Hara and Schoen", "O'Keefe Group", "Kihn - Gottlieb",
            "Lehner - Rath", "Kub - Crona", "Huel, Hettinger and Stokes", "Stracke - Schimmel", "Nader Inc",
            "Bergnaum - Terry", "Hermiston, Müller and Frères");
    static final List<String> REQUIRED_COMPANIES = List.of(
            "Moen, O'Hara and Schoen", "O'Keefe Group", "Kuhlman, \"Kuhn\" and Daniel", "Hermiston, Müller and Frères");

    /** The source's department rows: ids 1..8 in this order, with the typo "Leds" as it is in production. */
    static final List<String[]> DEPARTMENTS = List.of(
            new String[] {"Sales", "Manchester"},
            new String[] {"Purchasing", "Manchester"},
            new String[] {"Production", "Leeds"},
            new String[] {"Dispatch", "Leds"},
            new String[] {"Finance", "Manchester"},
            new String[] {"Facilities", "Manchester"},
            new String[] {"Communications", "Leeds"},
            new String[] {"HR", "Leeds"});

    static final List<String> DESIGN_NAMES = List.of(
            "Bronze", "Concrete", "Cotton", "Fresh", "Frozen", "Granite", "Metal", "Plastic", "Rubber", "Soft",
            "Steel", "Wooden");

    /** 60 unix-style directories, as design.file_location has. */
    static final List<String> DIRECTORIES = List.of(
            "/usr", "/lost+found", "/private", "/System", "/Users", "/Library", "/Network", "/Applications",
            "/bin", "/boot", "/dev", "/etc", "/home", "/media", "/mnt", "/opt", "/proc", "/root", "/run", "/sbin",
            "/srv", "/sys", "/tmp", "/var", "/cdrom", "/net", "/usr/local", "/usr/src", "/usr/share", "/usr/lib",
            "/usr/libexec", "/usr/sbin", "/usr/ports", "/usr/games", "/usr/X11R6", "/usr/local/bin",
            "/usr/local/src", "/usr/share/doc", "/var/log", "/var/tmp", "/var/mail", "/var/spool", "/var/cache",
            "/var/lib", "/var/yp", "/var/www", "/etc/defaults", "/etc/ppp", "/etc/mail", "/etc/periodic",
            "/private/tmp", "/private/var", "/opt/bin", "/opt/lib", "/opt/share", "/opt/include", "/home/user",
            "/home/user/dir", "/srv/www", "/System/Library");

    static final List<String> CURRENCY_CODES = List.of("GBP", "USD", "EUR");

    private Vocabulary() {
    }
}
