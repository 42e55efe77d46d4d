/** The README's Kaizala section: the docs link of the credential, node and trigger. */
export const KAIZALA_DOCS_URL =
	'https://github.com/hospitality-connectors/n8n-nodes-hospitality-connectors#microsoft-kaizala';
