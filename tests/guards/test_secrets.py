"""Behaviour of guards.secrets: provider formats, generic assignments, placeholders,
masking, redaction and robustness.

Every secret-looking value in this file is assembled at run time from a seeded
random generator and short fragments, so the file itself holds no string that a
secret scanner would report.
"""

from __future__ import annotations

import base64
import itertools
import random
import re
import string
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guards.secrets import ProviderFormat, SecretMatch, find_secrets, provider_formats, redact
from guards.secrets.formats import KeywordIndex

ALNUM = string.ascii_letters + string.digits
LOWER_ALNUM = string.ascii_lowercase + string.digits
UPPER_ALNUM = string.ascii_uppercase + string.digits
URLSAFE = ALNUM + "_-"
B64 = ALNUM + "+/"
HEX = "0123456789abcdef"
DIGITS = "0123456789"
B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L"

Fill = Callable[[int, str], str]


def _random_fill(seed: int) -> Fill:
    rng = random.Random(seed)

    def fill(n: int, alphabet: str) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    return fill


def _placeholder_fill(n: int, alphabet: str) -> str:
    """The same shape as a real value, made of one repeated character."""
    return alphabet[0] * n


def _uuid(r: Fill) -> str:
    return f"{r(8, HEX)}-{r(4, HEX)}-{r(4, HEX)}-{r(4, HEX)}-{r(12, HEX)}"


def _pem(r: Fill, label: str) -> str:
    body = "\n".join(r(64, B64) for _ in range(20))
    return f"-----BEGIN {label}-----\n{body}\n-----END {label}-----\n"


def _basic(r: Fill) -> str:
    return base64.b64encode(("deploy:" + r(16, ALNUM)).encode()).decode()


def _fragments(*parts: str) -> str:
    return "".join(parts)


def _discord(r: Fill) -> str:
    """A bot token: base64 of an 18-digit user id, a timestamp part and an HMAC part."""
    user_id = base64.b64encode((r(1, "123456789") + r(17, DIGITS)).encode()).decode()
    return f"{user_id.rstrip('=')}.{r(6, URLSAFE)}.{r(38, URLSAFE)}"


def provider_samples(r: Fill) -> dict[str, str]:
    """One realistic line of code or config per provider format, keyed by format name."""
    gcp_body = "\\n".join(r(64, B64) for _ in range(16))
    gcp = "-----BEGIN PRIVATE KEY-----\\n" + gcp_body + "\\n-----END PRIVATE KEY-----\\n"
    pw = r(18, ALNUM)
    return {
        "aws-access-key-id": f'aws_access_key_id = "AKIA{r(16, B32)}"',
        "aws-secret-access-key": f'aws_secret_access_key = "{r(40, B64)}"',
        "amazon-mws-auth-token": (
            f'MWS_AUTH_TOKEN = "amzn.mws.{r(8, HEX)}-{r(4, HEX)}-{r(4, HEX)}'
            f'-{r(4, HEX)}-{r(12, HEX)}"'
        ),
        "gcp-service-account-private-key": (
            '{"type": "service_account", "private_key_id": "k1", "private_key": "' + gcp + '"}'
        ),
        "gcp-api-key": f'GOOGLE_API_KEY = "AIza{r(35, URLSAFE)}"',
        "google-oauth-client-secret": f'client_secret = "GOCSPX-{r(28, URLSAFE)}"',
        "google-oauth-access-token": (
            f'headers = {{"Authorization": "Bearer ya29.{r(150, URLSAFE)}"}}'
        ),
        "google-oauth-refresh-token": f'refresh_token = "1//0{r(100, URLSAFE)}"',
        "firebase-cloud-messaging-server-key": (
            f'FCM_SERVER_KEY = "AAAA{r(7, URLSAFE)}:APA91b{r(134, URLSAFE)}"'
        ),
        "azure-storage-connection-string": (
            "conn = 'DefaultEndpointsProtocol=https;AccountName=acmestorage01;"
            f"AccountKey={r(86, B64)}==;EndpointSuffix=core.windows.net'"
        ),
        "azure-storage-account-key": f'account_key = "{r(86, B64)}=="',
        "azure-ad-client-secret": (
            f'AZURE_CLIENT_SECRET = "{r(3, ALNUM)}{r(1, DIGITS)}Q~{r(34, ALNUM)}"'
        ),
        "azure-sas-token": (
            'blob = "https://acme.blob.core.windows.net/c/report.csv?sv=2022-11-02&ss=b&srt=o'
            f'&sp=r&se=2031-01-01T00:00:00Z&sig={r(43, ALNUM)}%3D"'
        ),
        "github-personal-access-token": f'GITHUB_TOKEN = "ghp_{r(36, ALNUM)}"',
        "github-oauth-token": f'oauth = "gho_{r(36, ALNUM)}"',
        "github-user-to-server-token": f'user_token = "ghu_{r(36, ALNUM)}"',
        "github-server-to-server-token": f'installation = "ghs_{r(36, ALNUM)}"',
        "github-refresh-token": f'refresh = "ghr_{r(76, ALNUM)}"',
        "github-fine-grained-pat": f'GH_PAT = "github_pat_{r(22, ALNUM)}_{r(59, ALNUM)}"',
        "gitlab-personal-access-token": f'GITLAB_TOKEN = "glpat-{r(20, URLSAFE)}"',
        "gitlab-deploy-token": f'deploy = "gldt-{r(20, URLSAFE)}"',
        "gitlab-runner-token": f'runner = "glrt-{r(20, URLSAFE)}"',
        "gitlab-pipeline-trigger-token": f'trigger = "glptt-{r(40, HEX)}"',
        "gitlab-oauth-app-secret": f'app_secret = "gloas-{r(64, URLSAFE)}"',
        "gitlab-cicd-job-token": f'job = "glcbt-{r(30, URLSAFE)}"',
        "gitlab-feed-token": f'feed = "glft-{r(20, URLSAFE)}"',
        "bitbucket-app-password": f'BITBUCKET_APP_PASSWORD = "ATBB{r(32, ALNUM)}"',
        "bitbucket-access-token": f'bb = "ATCTT3xFfGN0{r(180, URLSAFE)}"',
        "atlassian-api-token": f'JIRA_API_TOKEN = "ATATT3xFfGF0{r(180, URLSAFE)}"',
        "slack-bot-token": (
            f'SLACK_BOT_TOKEN = "xoxb-{r(11, DIGITS)}-{r(13, DIGITS)}-{r(24, ALNUM)}"'
        ),
        "slack-user-token": (
            f'slack_user = "xoxp-{r(11, DIGITS)}-{r(11, DIGITS)}-{r(12, DIGITS)}-{r(32, HEX)}"'
        ),
        "slack-workspace-token": f'ws = "xoxa-2-{r(11, DIGITS)}-{r(60, ALNUM)}"',
        "slack-refresh-token": f'rt = "xoxr-{r(11, DIGITS)}-{r(60, ALNUM)}"',
        "slack-app-token": f'app = "xapp-1-{r(11, UPPER_ALNUM)}-{r(13, DIGITS)}-{r(64, HEX)}"',
        "slack-webhook-url": (
            f'WEBHOOK = "https://hooks.slack.com/services/T{r(10, UPPER_ALNUM)}'
            f'/B{r(10, UPPER_ALNUM)}/{r(24, ALNUM)}"'
        ),
        "discord-bot-token": (f'import discord\nclient.run("{_discord(r)}")'),
        "discord-webhook-url": (
            f'hook = "https://discord.com/api/webhooks/{r(18, DIGITS)}/{r(68, URLSAFE)}"'
        ),
        "telegram-bot-token": f'TELEGRAM_BOT_TOKEN = "{r(10, DIGITS)}:AA{r(33, URLSAFE)}"',
        "stripe-secret-key": f'stripe.api_key = "sk_live_{r(24, ALNUM)}"',
        "stripe-restricted-key": f'STRIPE_RESTRICTED = "rk_live_{r(24, ALNUM)}"',
        "stripe-webhook-secret": f'endpoint_secret = "whsec_{r(32, ALNUM)}"',
        "square-access-token": f'SQUARE_TOKEN = "sq0atp-{r(22, URLSAFE)}"',
        "square-oauth-secret": f'SQUARE_SECRET = "sq0csp-{r(43, URLSAFE)}"',
        "braintree-access-token": (
            f'gateway = "access_token$production${r(16, LOWER_ALNUM)}${r(32, HEX)}"'
        ),
        "twilio-account-sid": f'from twilio.rest import Client\naccount = "AC{r(32, HEX)}"',
        "twilio-api-key": f'from twilio.rest import Client\nkey_sid = "SK{r(32, HEX)}"',
        "twilio-auth-token": f'TWILIO_AUTH_TOKEN = "{r(32, HEX)}"',
        "sendgrid-api-key": f'SENDGRID_API_KEY = "SG.{r(22, URLSAFE)}.{r(43, URLSAFE)}"',
        "mailgun-api-key": f'MAILGUN_API_KEY = "key-{r(32, HEX)}"',
        "mailchimp-api-key": f'MAILCHIMP_KEY = "{r(32, HEX)}-us{r(1, "123456789")}"',
        "brevo-api-key": f'BREVO_API_KEY = "xkeysib-{r(64, HEX)}-{r(16, ALNUM)}"',
        "openai-api-key": f'OPENAI_API_KEY = "sk-{r(20, ALNUM)}T3BlbkFJ{r(20, ALNUM)}"',
        "openai-project-key": f'client = OpenAI(api_key="sk-proj-{r(156, URLSAFE)}")',
        "anthropic-api-key": f'ANTHROPIC_API_KEY = "sk-ant-api03-{r(93, URLSAFE)}AA"',
        "huggingface-access-token": f'HF_TOKEN = "hf_{r(34, ALNUM)}"',
        "huggingface-org-token": f'org = "api_org_{r(34, ALNUM)}"',
        "cohere-api-key": f'co = cohere.Client("{r(40, ALNUM)}")',
        "groq-api-key": f'GROQ_API_KEY = "gsk_{r(52, ALNUM)}"',
        "replicate-api-token": f'REPLICATE_API_TOKEN = "r8_{r(37, ALNUM)}"',
        "perplexity-api-key": f'PPLX_KEY = "pplx-{r(48, ALNUM)}"',
        "xai-api-key": f'XAI_API_KEY = "xai-{r(80, ALNUM)}"',
        "langsmith-api-key": f'LANGSMITH_API_KEY = "lsv2_pt_{r(32, HEX)}_{r(10, HEX)}"',
        "npm-access-token": f"//registry.npmjs.org/:_authToken=npm_{r(36, ALNUM)}",
        "pypi-upload-token": f"password = pypi-AgEIcHlwaS5vcmc{r(150, URLSAFE)}",
        "rubygems-api-key": f':rubygems_api_key: "rubygems_{r(48, HEX)}"',
        "nuget-api-key": f"dotnet nuget push pkg.nupkg --api-key oy2{r(43, LOWER_ALNUM)}",
        "clojars-deploy-token": f'CLOJARS_DEPLOY = "CLOJARS_{r(60, LOWER_ALNUM)}"',
        "dockerhub-access-token": f'DOCKERHUB_TOKEN = "dckr_pat_{r(27, URLSAFE)}"',
        "heroku-api-key": f'HEROKU_API_KEY = "HRKU-AA{r(58, URLSAFE)}"',
        "heroku-legacy-api-key": f'HEROKU_API_KEY = "{_uuid(r)}"',
        "digitalocean-token": f'DIGITALOCEAN_TOKEN = "dop_v1_{r(64, HEX)}"',
        "shopify-access-token": f'SHOPIFY_TOKEN = "shpat_{r(32, HEX)}"',
        "shopify-shared-secret": f'SHOPIFY_SECRET = "shpss_{r(32, HEX)}"',
        "linear-api-key": f'LINEAR_API_KEY = "lin_api_{r(40, ALNUM)}"',
        "notion-integration-token": f'NOTION_TOKEN = "ntn_{r(11, DIGITS)}{r(35, ALNUM)}"',
        "notion-legacy-token": f'NOTION_TOKEN = "secret_{r(43, ALNUM)}"',
        "doppler-token": f'DOPPLER_TOKEN = "dp.pt.{r(43, ALNUM)}"',
        "vault-token": f'VAULT_TOKEN = "hvs.{r(90, URLSAFE)}"',
        "terraform-cloud-token": f'token = "{r(14, ALNUM)}.atlasv1.{r(67, URLSAFE)}"',
        "databricks-token": f'DATABRICKS_TOKEN = "dapi{r(32, HEX)}"',
        "grafana-cloud-token": f'GRAFANA_TOKEN = "glc_{r(80, ALNUM)}"',
        "grafana-service-account-token": f'GRAFANA_SA = "glsa_{r(32, ALNUM)}_{r(8, HEX)}"',
        "newrelic-user-api-key": f'NEW_RELIC_API_KEY = "NRAK-{r(27, UPPER_ALNUM)}"',
        "newrelic-insert-key": f'NEW_RELIC_INSERT = "NRII-{r(32, URLSAFE)}"',
        "datadog-api-key": f'DD_API_KEY = "{r(32, HEX)}"',
        "datadog-app-key": f'DD_APP_KEY = "{r(40, HEX)}"',
        "dynatrace-token": f'DT_API_TOKEN = "dt0c01.{r(24, UPPER_ALNUM)}.{r(64, UPPER_ALNUM)}"',
        "sentry-org-token": f'SENTRY_AUTH_TOKEN = "sntrys_eyJ{r(120, URLSAFE)}"',
        "sentry-user-token": f'SENTRY_AUTH_TOKEN = "sntryu_{r(64, HEX)}"',
        "cloudflare-api-token": f'CLOUDFLARE_API_TOKEN = "{r(40, URLSAFE)}"',
        "cloudflare-origin-ca-key": f'ORIGIN_CA_KEY = "v1.0-{r(24, HEX)}-{r(146, HEX)}"',
        "okta-api-token": f'OKTA_API_TOKEN = "00{r(40, URLSAFE)}"',
        "figma-access-token": f'FIGMA_TOKEN = "figd_{r(40, URLSAFE)}"',
        "postman-api-key": f'POSTMAN_API_KEY = "PMAK-{r(24, HEX)}-{r(34, HEX)}"',
        "pulumi-access-token": f'PULUMI_ACCESS_TOKEN = "pul-{r(40, HEX)}"',
        "algolia-api-key": f'ALGOLIA_ADMIN_KEY = "{r(32, HEX)}"',
        "mapbox-secret-token": f'MAPBOX_TOKEN = "sk.eyJ{r(60, URLSAFE)}.{r(22, URLSAFE)}"',
        "twitch-oauth-token": f'TWITCH_OAUTH_TOKEN = "oauth:{r(30, LOWER_ALNUM)}"',
        "facebook-access-token": f'graph = GraphAPI(access_token="EAA{r(150, ALNUM)}")',
        "facebook-app-secret": f'FACEBOOK_APP_SECRET = "{r(32, HEX)}"',
        "supabase-access-token": f'SUPABASE_ACCESS_TOKEN = "sbp_{r(40, HEX)}"',
        "planetscale-token": f'PLANETSCALE_TOKEN = "pscale_tkn_{r(43, URLSAFE)}"',
        "planetscale-password": f'DB_PASSWORD = "pscale_pw_{r(43, URLSAFE)}"',
        "airtable-access-token": f'AIRTABLE_TOKEN = "pat{r(14, ALNUM)}.{r(64, HEX)}"',
        "shippo-api-token": f'SHIPPO_TOKEN = "shippo_live_{r(40, HEX)}"',
        "flutterwave-secret-key": f'FLW_SECRET_KEY = "FLWSECK-{r(32, HEX)}-X"',
        "tailscale-key": f'TS_AUTHKEY = "tskey-auth-{r(12, ALNUM)}-{r(32, ALNUM)}"',
        "buildkite-token": f'BUILDKITE_TOKEN = "bkua_{r(40, HEX)}"',
        "prefect-api-key": f'PREFECT_API_KEY = "pnu_{r(36, ALNUM)}"',
        "age-secret-key": f"AGE-SECRET-KEY-1{r(58, BECH32)}",
        "microsoft-teams-webhook-url": (
            f'TEAMS = "https://acme.webhook.office.com/webhookb2/{_uuid(r)}@{_uuid(r)}'
            f'/IncomingWebhook/{r(32, HEX)}/{_uuid(r)}"'
        ),
        "private-key": _pem(r, "RSA PRIVATE KEY"),
        "json-web-token": f'session = "eyJ{r(30, URLSAFE)}.eyJ{r(60, URLSAFE)}.{r(43, URLSAFE)}"',
        "postgres-connection-string": (
            f'DATABASE_URL = "postgresql+psycopg://app_user:{pw}@db.internal:5432/app"'
        ),
        "mysql-connection-string": f'engine = create_engine("mysql://root:{pw}@mysql.internal/shop")',
        "mongodb-connection-string": (
            f'MONGO_URI = "mongodb+srv://admin:{pw}@cluster0.ab1cd.mongodb.net/prod"'
        ),
        "redis-connection-string": f'REDIS_URL = "redis://:{pw}@cache.internal:6379/0"',
        "amqp-connection-string": f'BROKER_URL = "amqps://svc:{pw}@mq.internal:5671/jobs"',
        "sqlserver-connection-string": (
            'conn = "Server=tcp:db.internal,1433;Database=app;'
            f'User Id=svc_app;Password={pw};Encrypt=True;"'
        ),
        "url-basic-auth": f'requests.get("https://deploy:{pw}@artifacts.internal/api/v1")',
        "url-embedded-credentials": f'backup_target = "sftp://backup:{pw}@files.internal/nightly"',
        "http-basic-auth-header": f'headers = {{"Authorization": "Basic {_basic(r)}"}}',
        "onepassword-service-account-token": (
            f"export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ{r(300, B64)}"
        ),
        "onepassword-secret-key": (
            f'OP_SECRET_KEY = "A3-{r(6, UPPER_ALNUM)}-{r(6, UPPER_ALNUM)}-{r(5, UPPER_ALNUM)}'
            f'-{r(5, UPPER_ALNUM)}-{r(5, UPPER_ALNUM)}-{r(5, UPPER_ALNUM)}"'
        ),
        "aws-bedrock-api-key": (
            'AWS_BEARER_TOKEN_BEDROCK = "'
            + _fragments("ABSK", "QmVkcm9ja0", "FQSUtleS")
            + f'{r(110, B64)}="'
        ),
        "aws-bedrock-short-term-api-key": (
            'token = "bedrock-api-key-'
            + _fragments("YmVkcm9jay5h", "bWF6b25hd3MuY29t")
            + f'{r(300, B64)}"'
        ),
        "clickhouse-cloud-api-secret-key": f'CLICKHOUSE_SECRET = "4b1d{r(37, ALNUM)}Q"',
        "maxmind-license-key": f'MAXMIND_LICENSE_KEY = "{r(6, ALNUM)}_{r(29, ALNUM)}_mmk"',
        "curl-basic-auth-password": f"curl -sS -u deploy:{pw} https://artifacts.internal/api",
        "curl-basic-auth-api-key": f"curl https://api.vendor.internal/v1/pay -u {r(32, ALNUM)}:",
        "curl-header-credential": (
            f'curl -H "X-Api-Key: {r(32, ALNUM)}" https://api.vendor.internal/v1/items'
        ),
        "authorization-header-line": (
            "GET /v1/me HTTP/1.1\nHost: api.vendor.internal\n"
            f"Authorization: Bearer {r(40, URLSAFE)}\n"
        ),
        "facebook-app-access-token": (
            f'FB_APP_TOKEN = "{r(1, "123456789")}{r(15, DIGITS)}|{r(27, URLSAFE)}"'
        ),
        "flyio-access-token": f'FLY_API_TOKEN = "fo1_{r(43, URLSAFE)}"',
        "intra42-client-secret": f'FT_CLIENT_SECRET = "s-s4t2ud-{r(64, HEX)}"',
        "openshift-user-token": (
            f"oc login --token=sha256~{r(43, URLSAFE)} --server=https://api.ocp.internal:6443"
        ),
        "sidekiq-enterprise-credentials": (
            f"export BUNDLE_ENTERPRISE__CONTRIBSYS__COM={r(8, HEX)}:{r(8, HEX)}"
        ),
        "slack-legacy-token": (
            f'SLACK_TOKEN = "xoxs-{r(12, DIGITS)}-{r(12, DIGITS)}-{r(12, DIGITS)}-{r(10, HEX)}"'
        ),
        "slack-legacy-bot-token": f'SLACK_BOT_TOKEN = "xoxb-{r(12, DIGITS)}-{r(24, ALNUM)}"',
        "slack-configuration-token": f'SLACK_CONFIG_TOKEN = "xoxe.xoxp-1-{r(164, ALNUM)}"',
        "slack-configuration-refresh-token": f'SLACK_CONFIG_REFRESH = "xoxe-1-{r(146, ALNUM)}"',
        "stripe-test-key": f'stripe.api_key = "sk_test_{r(99, ALNUM)}"',
        "sonarqube-token": f'SONAR_TOKEN = "sqp_{r(40, HEX)}"',
        "sourcegraph-access-token": f'SRC_ACCESS_TOKEN = "sgp_{r(16, HEX)}_{r(40, HEX)}"',
        "sourcegraph-legacy-token": f'sourcegraph_token: "{r(40, HEX)}"',
        "sumologic-access-id": f'SUMOLOGIC_ACCESSID = "su{r(12, ALNUM)}"',
        "vault-legacy-service-token": f'VAULT_TOKEN = "s.{r(24, ALNUM)}"',
        "gitlab-incoming-mail-token": f'incoming = "glimt-{r(25, URLSAFE)}"',
        "gitlab-agent-token": f'agent = "glagent-{r(50, URLSAFE)}"',
        "gitlab-scim-token": f'scim = "glsoat-{r(20, URLSAFE)}"',
        "gitlab-feature-flag-client-token": f'unleash = "glffct-{r(20, URLSAFE)}"',
        "gitlab-runner-registration-token": f'registration = "GR1348941{r(20, URLSAFE)}"',
        "npmrc-auth-token": f"//npm.pkg.internal/repo/:_authToken={_uuid(r)}",
        "ibm-cloud-iam-api-key": f'IBM_CLOUD_API_KEY = "{r(44, URLSAFE)}"',
    }


POSITIVE = provider_samples(_random_fill(798))
PLACEHOLDER_SHAPED = provider_samples(_placeholder_fill)
FORMATS = {fmt.name: fmt for fmt in provider_formats()}


def _names(text: str) -> list[str]:
    return [m.name for m in find_secrets(text)]


def _secret_of(text: str, name: str) -> tuple[SecretMatch, str]:
    match = next(m for m in find_secrets(text) if m.name == name)
    return match, text[match.start : match.end]


# --- the data file ---------------------------------------------------------------


def test_providers_file_declares_at_least_sixty_formats() -> None:
    assert len(provider_formats()) >= 60


def test_every_format_has_unique_id_and_name_and_cwe_798() -> None:
    formats = provider_formats()
    assert len({f.id for f in formats}) == len(formats)
    assert len({f.name for f in formats}) == len(formats)
    assert all(re.fullmatch(r"SEC[0-8]\d\d", f.id) for f in formats)
    assert all(f.cwe == 798 and isinstance(f, ProviderFormat) for f in formats)


def test_every_format_has_lowercase_keywords_and_a_compilable_regex() -> None:
    for fmt in provider_formats():
        assert fmt.keywords and all(k == k.lower() for k in fmt.keywords), fmt.name
        re.compile(fmt.regex)


def test_every_format_has_a_realistic_sample_in_this_file() -> None:
    assert set(POSITIVE) == set(FORMATS)


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_sample_contains_a_keyword_of_its_format(name: str) -> None:
    lowered = POSITIVE[name].lower()
    assert any(k in lowered for k in FORMATS[name].keywords)


# --- provider formats --------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_each_provider_format_finds_its_realistic_sample(name: str) -> None:
    match, secret = _secret_of(POSITIVE[name], name)
    fmt = FORMATS[name]
    assert (match.rule_id, match.provider, match.confidence) == (
        fmt.id,
        fmt.provider,
        fmt.confidence,
    )
    assert len(secret) >= 8


@pytest.mark.parametrize("name", sorted(PLACEHOLDER_SHAPED))
def test_each_provider_format_ignores_a_same_shaped_value_of_one_repeated_character(
    name: str,
) -> None:
    assert find_secrets(PLACEHOLDER_SHAPED[name]) == []


# Documented examples and obvious stand-ins, at least one per provider family.
FAMILY_NEGATIVES: dict[str, str] = {
    "aws-docs-access-key-id": _fragments('aws_access_key_id = "AKIA', "IOSFODNN7", 'EXAMPLE"'),
    "aws-docs-secret-key": _fragments(
        'aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/', "bPxRfiCY", 'EXAMPLEKEY"'
    ),
    "aws-masked-key-id": 'aws_access_key_id = "AKIAXXXXXXXXXXXXXXXX"',
    "google-api-key-placeholder": 'GOOGLE_API_KEY = "AIza' + "-" * 35 + '"',
    "google-client-secret-placeholder": 'client_secret = "GOCSPX-<your-client-secret>"',
    "azure-connection-string-dev": "UseDevelopmentStorage=true",
    "github-masked": 'GITHUB_TOKEN = "ghp_' + "x" * 36 + '"',
    "github-sequence": 'GITHUB_TOKEN = "ghp_' + ALNUM[:36] + '"',
    "github-env": 'token = os.environ["GITHUB_TOKEN"]',
    "gitlab-placeholder": 'GITLAB_TOKEN = "glpat-xxxxxxxxxxxxxxxxxxxx"',
    "bitbucket-placeholder": 'BITBUCKET_APP_PASSWORD = "ATBB-your-app-password"',
    "slack-docs-webhook": _fragments(
        'url = "https://hooks.slack.com/services/', "T00000000/B00000000/", "X" * 24, '"'
    ),
    "slack-placeholder-token": 'SLACK_BOT_TOKEN = "xoxb-your-bot-token"',
    "discord-webhook-placeholder": (
        'hook = "https://discord.com/api/webhooks/{webhook_id}/{webhook_token}"'
    ),
    "telegram-placeholder": 'TELEGRAM_BOT_TOKEN = "123456789:AA' + "A" * 33 + '"',
    "stripe-test-key": 'stripe.api_key = "sk_test_' + "4eC39HqLyjWDarjtT1zdp7dc" + '"',
    "stripe-masked": 'stripe.api_key = "sk_live_' + "*" * 24 + '"',
    "twilio-placeholder": 'TWILIO_AUTH_TOKEN = "your_auth_token"',
    "sendgrid-placeholder": 'SENDGRID_API_KEY = "SG.xxxxxxxx.yyyyyyyy"',
    "openai-placeholder": 'OPENAI_API_KEY = "sk-...your-key-here..."',
    "openai-env": 'client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))',
    "anthropic-placeholder": 'ANTHROPIC_API_KEY = "sk-ant-api03-' + "X" * 95 + '"',
    "huggingface-placeholder": 'HF_TOKEN = "hf_' + "x" * 34 + '"',
    "npm-env": "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
    "pypi-env": "password = ${PYPI_TOKEN}",
    "docker-placeholder": 'DOCKERHUB_TOKEN = "dckr_pat_<token>"',
    "digitalocean-zeros": 'DIGITALOCEAN_TOKEN = "dop_v1_' + "0" * 64 + '"',
    "vault-placeholder": 'VAULT_TOKEN = "hvs.<your-token>"',
    "datadog-env": "DD_API_KEY=${DATADOG_API_KEY}",
    "private-key-header-only": (
        "-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----"
    ),
    "private-key-redacted-body": (
        "-----BEGIN PRIVATE KEY-----\n" + "[REDACTED]\n" + "-----END PRIVATE KEY-----"
    ),
    "jwt-io-example": _fragments(
        'token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.',
        "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.",
        "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
        '"',
    ),
    "postgres-placeholder-password": 'DATABASE_URL = "postgres://user:password@localhost/db"',
    "postgres-env-password": 'DATABASE_URL = "postgres://app:${DB_PASSWORD}@db:5432/app"',
    "postgres-default-credentials": 'url = "postgres://postgres:postgres@localhost:5432/app"',
    "mongodb-angle-placeholders": 'uri = "mongodb+srv://<user>:<password>@cluster0.mongodb.net"',
    "rabbitmq-guest": 'BROKER = "amqp://guest:guest@localhost:5672//"',
    "redis-changeme": 'REDIS_URL = "redis://:changeme@localhost:6379"',
    "url-example-host": 'requests.get("https://alice:Xk9mP2qLw8@api.example.com/v1")',
    "basic-auth-not-user-password": _fragments(
        'headers = {"Authorization": "Basic ', base64.b64encode(b"no-colon-here!").decode(), '"}'
    ),
    "basic-auth-placeholder": _fragments(
        'headers = {"Authorization": "Basic ', base64.b64encode(b"user:password").decode(), '"}'
    ),
}


@pytest.mark.parametrize("label", sorted(FAMILY_NEGATIVES))
def test_documented_examples_and_placeholders_of_each_family_pass(label: str) -> None:
    assert find_secrets(FAMILY_NEGATIVES[label]) == []


def test_provider_token_is_reported_once_even_inside_a_secret_named_assignment() -> None:
    matches = find_secrets(POSITIVE["github-personal-access-token"])
    assert [m.name for m in matches] == ["github-personal-access-token"]


def test_more_specific_format_wins_over_generic_url_credentials() -> None:
    assert _names(POSITIVE["postgres-connection-string"]) == ["postgres-connection-string"]
    assert _names(POSITIVE["gcp-service-account-private-key"]) == [
        "gcp-service-account-private-key"
    ]


def test_connection_string_reports_only_the_password() -> None:
    match, secret = _secret_of(POSITIVE["postgres-connection-string"], "postgres-connection-string")
    assert ":" not in secret and "@" not in secret
    assert POSITIVE["postgres-connection-string"][match.end] == "@"


def test_token_glued_to_a_longer_identifier_is_not_a_token() -> None:
    text = 'name = "myghp_' + _random_fill(1)(36, ALNUM) + '"'
    assert "github-personal-access-token" not in _names(text)


# --- generic assignments -----------------------------------------------------------

_r = _random_fill(4242)
_TOKEN = _r(32, ALNUM)
_PASSWORD = _r(6, string.ascii_lowercase) + _r(3, DIGITS) + "#" + _r(4, string.ascii_uppercase)

GENERIC_POSITIVES: dict[str, str] = {
    "python": f'api_key = "{_TOKEN}"',
    "python-attribute": f"self.client_secret = '{_TOKEN}'",
    "python-kwarg": f'db = connect(host="db", password="{_PASSWORD}")',
    "python-annotated": f'password: str = "{_PASSWORD}"',
    "python-dict": f'creds = {{"username": "svc", "password": "{_PASSWORD}"}}',
    "javascript-const": f'const authToken = "{_TOKEN}";',
    "javascript-object": f"const cfg = {{ apiKey: '{_TOKEN}', region: 'eu' }};",
    "javascript-template": f"let apiSecret = `{_TOKEN}`;",
    "typescript-field": f'private readonly clientSecret: string = "{_TOKEN}";',
    "java": f'private static final String DB_PASSWORD = "{_PASSWORD}";',
    "go-short-assign": f'apiToken := "{_TOKEN}"',
    "csharp-verbatim": f'var servicePassword = @"{_PASSWORD}";',
    "php-variable": f"$password = '{_PASSWORD}';",
    "php-array": f"'db_password' => '{_PASSWORD}',",
    "php-define": f"define('DB_PASSWORD', '{_PASSWORD}');",
    "ruby-symbol": f':password => "{_PASSWORD}"',
    "ruby-keyword": f'  password: "{_PASSWORD}",',
    "yaml-unquoted": f"database:\n  password: {_PASSWORD}\n",
    "yaml-list-item": f"- access_token: {_TOKEN}\n",
    "dotenv": f"DB_PASSWORD={_PASSWORD}\n",
    "dotenv-export": f'export API_TOKEN="{_TOKEN}"\n',
    "dotenv-comment": f"SECRET_KEY={_TOKEN}  # rotate me\n",
    "ini-spaced": f"[db]\npassword = {_PASSWORD}\n",
    "json": f'{{"client_secret": "{_TOKEN}"}}',
    "toml": f'[auth]\ntoken = "{_TOKEN}"\n',
    "dockerfile-env": f"ENV API_TOKEN={_TOKEN}\n",
    "http-header": f'headers = {{"X-Api-Key": "{_TOKEN}"}}',
    "bearer-header": f'headers = {{"Authorization": "Bearer {_TOKEN}"}}',
    "kebab-key": f"x-auth-token: {_TOKEN}\n",
    "comparison": f'if (db_password == "{_PASSWORD}") {{',
    "comparison-strict": f'if (apiToken !== "{_TOKEN}") return;',
    "comparison-literal-first": f'if ("{_PASSWORD}" === password) {{',
    "default-of-an-env-lookup": f'api_token = utils.get_env_or("API_TOKEN", "{_TOKEN}")',
    "initializer-pair": f'{{"password", "{_PASSWORD}"}},',
    "space-separated": f'  password "{_PASSWORD}";',
    "c-array": f'char db_password[32] = "{_PASSWORD}";',
    "setter-call": f'client.setApiKey("{_TOKEN}");',
    "properties-colon": f"apikey:{_TOKEN}\n",
    "abbreviated-pw": f'db_pw = "{_PASSWORD}"',
    "compound-word": f'secretvalue = "{_TOKEN}"',
}


@pytest.mark.parametrize("label", sorted(GENERIC_POSITIVES))
def test_secret_looking_assignment_is_found_in_any_language(label: str) -> None:
    text = GENERIC_POSITIVES[label]
    matches = find_secrets(text)
    assert [m.name for m in matches] == ["generic-secret-assignment"]
    match = matches[0]
    assert match.rule_id == "SEC900" and match.provider == "generic"
    assert match.confidence in {"medium", "low"}
    assert text[match.start : match.end] in {_TOKEN, _PASSWORD}


_ODD = _r(4, ALNUM) + "{" + _r(3, ALNUM) + ")" + _r(3, ALNUM) + "$" + _r(3, ALNUM) + "[" + "}"


@pytest.mark.parametrize(
    "line",
    [
        f'password = "{_ODD}"',
        f"db_pass = {_ODD}\n",
        f"passwd := {_ODD},\n",
        f'if ("{_ODD}" != secret) {{',
    ],
)
def test_random_text_with_template_characters_is_no_template(line: str) -> None:
    # A bracket closing one of another kind is no template and no code: a literal.
    matches = find_secrets(line)
    assert [line[m.start : m.end] for m in matches] == [_ODD]


def test_low_entropy_password_still_counts_when_the_key_says_password() -> None:
    text = 'password = "' + "hunter2" * 2 + '"'
    matches = find_secrets(text)
    assert [(m.name, m.confidence) for m in matches] == [("generic-secret-assignment", "low")]


def test_random_token_under_a_token_key_has_medium_confidence() -> None:
    assert [m.confidence for m in find_secrets(GENERIC_POSITIVES["python"])] == ["medium"]


def test_short_or_wordy_values_under_weak_keys_are_not_secrets() -> None:
    assert find_secrets('token = "abc123"') == []
    assert find_secrets('auth_header = "Proxy-Authorization"') == []
    assert find_secrets('ACCESS_KEY = "AWSAccessKeyId"') == []


PLACEHOLDER_VALUES = [
    '"<YOUR_API_KEY>"',
    '"{api_key}"',
    '"YOUR_API_KEY_HERE"',
    '"your-secret-here"',
    '"xxxxxxxxxxxxxxxx"',
    '"***"',
    '"********"',
    '"changeme"',
    '"change-me"',
    '"secret"',
    '"password"',
    '"example"',
    '"dummy"',
    '"test"',
    '"placeholder"',
    '"redacted"',
    '"[REDACTED]"',
    '"[REDACTED:api-key]"',
    '"TODO"',
    '"replace-me"',
    '"1234567890"',
    '"abcdefghijkl"',
    '"aaaaaaaaaaaa"',
    '"EXAMPLE_KEY_9f8e7d6c"',
    '"my-test-token-9f8e7d6c"',
    '"sample_api_key_42x9"',
    '"fake-token-9f8e7d6c5b"',
    '"dummy_secret_Xk9mP2"',
    '"password123"',
    '""',
    '"${API_KEY}"',
    '"$API_KEY"',
    '"{{ api_key }}"',
    '"%(api_key)s"',
    '"#{api_key}"',
    '"%API_KEY%"',
]


@pytest.mark.parametrize("value", PLACEHOLDER_VALUES)
@pytest.mark.parametrize("key", ["password", "api_key", "client_secret", "AUTH_TOKEN"])
def test_placeholder_values_pass(key: str, value: str) -> None:
    assert find_secrets(f"{key} = {value}") == []


ENVIRONMENT_READS = [
    'password = os.environ["DB_PASSWORD"]',
    'password = os.environ.get("DB_PASSWORD", "")',
    'api_key = os.getenv("API_KEY")',
    "const apiKey = process.env.API_KEY;",
    "apiKey: process.env.API_KEY,",
    'String password = System.getenv("DB_PASSWORD");',
    'password = ENV["DB_PASSWORD"]',
    'password = ENV.fetch("DB_PASSWORD")',
    "DB_PASSWORD=${DB_PASSWORD}",
    "DB_PASSWORD=$DB_PASSWORD",
    "password: {{ db_password }}",
    "password: '{{ vault_db_password }}'",
    "token: ${{ secrets.GITHUB_TOKEN }}",
    'var secret = Environment.GetEnvironmentVariable("APP_SECRET");',
    "$apiKey = getenv('API_KEY');",
]


@pytest.mark.parametrize("line", ENVIRONMENT_READS)
def test_reading_a_secret_from_the_environment_passes(line: str) -> None:
    assert find_secrets(line) == []


KEY_WITHOUT_LITERAL = [
    "password = get_password()",
    'token = request.headers["x"]',
    'token = request.headers["Authorization"]',
    "password = None",
    "password = user_password",
    "self.password = password",
    "token = settings.API_TOKEN",
    "secret = secrets.token_hex(32)",
    "def login(username: str, password: str) -> bool:",
    "def connect(password: str = None, token: Optional[str] = None):",
    "    password: str",
    "    api_key: Optional[str] = None",
    "    private_key: PKCS7PrivateKeyTypes,",
    "function login(password: string): boolean {",
    "  password: string;",
    "String password;",
    "public void setPassword(String password) { this.password = password; }",
    "max_tokens = 4096",
    "password_min_length = 12",
    'token_url = "https://oauth2.googleapis.com/token"',
    'password_field = "user_password_input"',
    'tokenizer = "bert-base-uncased"',
    'auth_type = "oauth2_client_credentials"',
    'TOKEN_ENV_VAR = "GITHUB_TOKEN"',
    'private_key_path = "keys/id_rsa.pem"',
    'secret_name = "prod/db/password"',
    "items.sort(key=lambda item: item[1])",
    'is_password_valid = check("hunter2hunter2")',
    'SECRET_KEY = "AWSSecretKey"',
    '"AWS::ApiGateway::ApiKey": "48205d4ffd7feba3",',
    'password = f"{prefix}-{suffix}-{counter}"',
    "TOKEN_PATTERN = r'[A-Za-z0-9]{32}\\d+'",
    '<input type="password" name="password" autocomplete="current-password">',
    "credentials = add_credential(credentials,",
    "    password=hashlib.sha256(salt + pepper).hexdigest())",
    "password = m{x}",
    'if password == "changeme":',
    'if ("changeme" == password) {',
    'curl -u "$DEPLOY_USER:$DEPLOY_PASSWORD" https://artifacts.internal/api',
    "curl -u user:password https://artifacts.internal/api",
    'curl -H "Authorization: Bearer $API_TOKEN" https://api.vendor.internal/v1',
    'curl -H "Authorization: Bearer <your-token>" https://api.vendor.internal/v1',
    "//npm.pkg.internal/:_authToken=${NPM_TOKEN}",
    'password = "${DB_PASSWORD:-fallback}"',
]


_n = _random_fill(99)
NOT_CREDENTIALS = [
    'authDomain: "acme-' + _n(5, LOWER_ALNUM) + '.firebaseapp.com",',
    'csrf_token = "' + _n(40, ALNUM) + '"',
    'PASSWORD_CHARS = "!@#$%^&*()-_=+"',
    'api_key = "' + _n(9, ALNUM) + '"',  # too short for an API key
    'api_token = "tok_' + _fragments("12345678", "abcdefgh") + '"',
    '"token3": "xoxp-' + "-".join(["1234"] * 3) + "-" + _n(32, HEX) + '"',
    '"token4": "xoxp-' + _n(12, DIGITS) + "-" + "#" * 20 + '"',
    "x = Model2_Organization_Svcs.Helper.SomeLongMethodName2WithSuffix",
    "value = s." + _n(24, ALNUM),
    '__all__ = ["GENERIC_SECRET", "RuleInfo", "all_rules"]',
    'pairs = {("API_TOKEN", "TokenProvider"), ("DB_PASSWORD", "PasswordField")}',
]


@pytest.mark.parametrize("line", NOT_CREDENTIALS)
def test_literals_that_are_not_credentials_are_not_findings(line: str) -> None:
    assert find_secrets(line) == []


def test_discord_bot_token_is_found_without_the_word_discord() -> None:
    text = f'client.run("{_discord(_random_fill(12))}")'
    assert _names(text) == ["discord-bot-token"]


def test_stripe_test_key_judges_only_the_part_after_its_prefix() -> None:
    assert _names(POSITIVE["stripe-test-key"]) == ["stripe-test-key"]
    assert find_secrets('stripe.api_key = "sk_test_your_secret_key_goes_here_1"') == []


@pytest.mark.parametrize("line", KEY_WITHOUT_LITERAL)
def test_key_names_without_a_hardcoded_literal_are_not_findings(line: str) -> None:
    assert find_secrets(line) == []


REALISTIC_CLEAN_CODE: dict[str, str] = {
    "fastapi-auth": """
import os
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, SecretStr

SECRET_KEY = os.environ["JWT_SECRET_KEY"]
ALGORITHM = "HS256"
ACCESS_TOKEN_EXPIRE_MINUTES = 30
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    refresh_token: Optional[str] = None


class UserIn(BaseModel):
    username: str
    password: SecretStr


def get_password_hash(password: str) -> str:
    return pwd_context.hash(password)


async def current_user(token: Annotated[str, Depends(oauth2_scheme)]):
    payload = jwt.decode(token, SECRET_KEY, algorithms=[ALGORITHM])
    api_key = request.headers.get("X-API-Key")
    auth_header = request.headers["Authorization"]
    headers = {"Authorization": f"Bearer {token}", "X-Api-Key": api_key}
    raise HTTPException(401, headers={"WWW-Authenticate": "Bearer"})
""",
    "express-typescript": """
const JWT_SECRET = process.env.JWT_SECRET ?? "";
const TOKEN_EXPIRY = "1h";
interface Credentials { username: string; password: string; apiKey?: string }
export async function login(req: Request, res: Response) {
  const { username, password } = req.body as Credentials;
  const passwordHash = await bcrypt.hash(password, SALT_ROUNDS);
  const token = jwt.sign({ sub: username }, JWT_SECRET, { expiresIn: TOKEN_EXPIRY });
  const bearerToken = req.headers.authorization?.split(" ")[1];
  return res.json({ token, tokenType: "Bearer" });
}
const config = { apiKey: process.env.API_KEY!, clientSecret: process.env.CLIENT_SECRET };
""",
    "docker-compose": """
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?set it in .env}
  api:
    environment:
      - DATABASE_URL=postgresql://app:${POSTGRES_PASSWORD}@db:5432/app
      - SECRET_KEY=${SECRET_KEY}
    secrets:
      - api_token
""",
    "github-workflow": """
      - uses: docker/login-action@v3
        with:
          username: ${{ vars.DOCKERHUB_USERNAME }}
          password: ${{ secrets.DOCKERHUB_TOKEN }}
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}
""",
    "kubernetes": """
kind: Secret
stringData:
  DB_PASSWORD: "<replace-with-db-password>"
  API_TOKEN: "{{ .Values.apiToken }}"
---
env:
  - name: API_KEY
    valueFrom:
      secretKeyRef:
        name: app-secrets
        key: api-key
""",
    "terraform": """
variable "db_password" {
  type      = string
  sensitive = true
}
resource "aws_db_instance" "main" {
  password = var.db_password
}
provider "aws" {
  access_key = var.aws_access_key
  secret_key = var.aws_secret_key
}
""",
    "java": """
private static final String API_KEY_HEADER = "X-API-KEY";
private String password;
public Settings(String password) { this.password = password; }
String dbPassword = System.getenv("DB_PASSWORD");
String token = request.getHeader("Authorization");
""",
    "env-example": """
DATABASE_URL=postgres://user:password@localhost:5432/app
OPENAI_API_KEY=sk-...
STRIPE_SECRET_KEY=sk_test_...
SECRET_KEY=change-me
JWT_SECRET=
AWS_ACCESS_KEY_ID=your-access-key-id
AWS_SECRET_ACCESS_KEY=your-secret-access-key
""",
}


@pytest.mark.parametrize("label", sorted(REALISTIC_CLEAN_CODE))
def test_realistic_code_that_keeps_secrets_out_of_source_has_no_findings(label: str) -> None:
    assert find_secrets(REALISTIC_CLEAN_CODE[label]) == []


# --- match details, masking and redaction --------------------------------------------


def test_line_and_column_point_at_the_first_character_of_the_secret() -> None:
    token = "ghp_" + _random_fill(5)(36, ALNUM)
    text = f"import os\n\n# config\nGITHUB_TOKEN = '{token}'\n"
    (match,) = find_secrets(text)
    assert (match.line, match.column) == (4, 17)
    assert text[match.start : match.end] == token


def test_matches_are_sorted_by_start_and_do_not_overlap() -> None:
    text = "\n".join(POSITIVE[name] for name in sorted(POSITIVE))
    matches = find_secrets(text)
    assert len(matches) >= len(POSITIVE)
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    assert all(a.end <= b.start for a, b in itertools.pairwise(matches))


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_masked_form_shows_at_most_four_characters_and_never_the_secret(name: str) -> None:
    for match in find_secrets(POSITIVE[name]):
        secret = POSITIVE[name][match.start : match.end]
        assert secret not in match.masked
        assert re.fullmatch(r"(?s).{0,4}…\(\d+ chars\)", match.masked)
        assert match.masked.endswith(f"…({len(secret)} chars)")
        assert secret.startswith(match.masked.split("…")[0])


def test_masked_form_of_an_aws_key_id_is_its_prefix_and_length() -> None:
    (match,) = find_secrets(POSITIVE["aws-access-key-id"])
    assert match.masked == "AKIA…(20 chars)"


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_redact_replaces_every_secret_with_its_name(name: str) -> None:
    text = POSITIVE[name]
    secrets = [text[m.start : m.end] for m in find_secrets(text)]
    redacted = redact(text)
    assert f"[REDACTED:{name}]" in redacted
    assert all(secret not in redacted for secret in secrets)
    assert find_secrets(redacted) == []


def test_redact_keeps_the_key_and_the_surrounding_code() -> None:
    assert redact(GENERIC_POSITIVES["python"]) == 'api_key = "[REDACTED:generic-secret-assignment]"'


def test_redact_leaves_text_without_secrets_unchanged() -> None:
    text = 'password = os.environ["DB_PASSWORD"]\nprint("hello")\n'
    assert redact(text) == text


def test_redact_handles_several_secrets_in_one_text() -> None:
    text = POSITIVE["stripe-secret-key"] + "\n" + POSITIVE["slack-bot-token"] + "\n"
    assert redact(text).count("[REDACTED:") == 2


# --- robustness ----------------------------------------------------------------------

_adv = random.Random(7)
ADVERSARIAL: dict[str, str] = {
    "one-megabyte-line": "".join(_adv.choice(string.printable[:-6]) for _ in range(1_000_000)),
    "binary-looking": bytes(_adv.getrandbits(8) for _ in range(300_000)).decode("latin-1"),
    "nested-quotes": "\"'`" * 100_000 + 'password = "' + "\\\"'" * 1000,
    "repeated-a": "a" * 100_000,
    "password-equals-10k": "password=" * 10_000,
    "password-assignments-10k": "password = '\n" * 10_000,
    "keyword-run": "key" * 100_000,
    "jwt-prefix-run": "eyJ" * 100_000,
    "token-prefix-run": "ghp_" * 100_000,
    "url-scheme-run": "postgres://" * 50_000,
    "private-key-without-end": "-----BEGIN PRIVATE KEY-----\n" + "A" * 500_000,
    "lone-surrogates": "\ud800password=\udfff" * 20_000,
    "case-changing-unicode": "İ" * 50_000 + "\u212a" * 50_000 + "password = 'x'",
    "null-bytes": "\x00" * 100_000 + "token=\x00",
    "unterminated-strings": 'api_key = "' * 50_000,
}


@pytest.mark.parametrize("label", sorted(ADVERSARIAL))
def test_adversarial_input_returns_quickly_without_raising(label: str) -> None:
    text = ADVERSARIAL[label]
    started = time.perf_counter()
    matches = find_secrets(text)
    elapsed = time.perf_counter() - started
    assert isinstance(matches, list)
    assert elapsed < 2.0  # hang guard only; the real target is far lower
    assert redact(text).count("[REDACTED:") == len(matches)


def test_secret_match_is_immutable() -> None:
    (match,) = find_secrets(POSITIVE["npm-access-token"])
    with pytest.raises(AttributeError):
        match.start = 0  # type: ignore[misc]  # the point is that assignment fails


def test_empty_text_has_no_secrets() -> None:
    assert find_secrets("") == []
    assert redact("") == ""


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_scanned_without_raising_and_masks_never_leak(text: str) -> None:
    for match in find_secrets(text):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] not in match.masked


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(sorted(POSITIVE)), st.text(max_size=40), st.text(max_size=40))
def test_a_secret_is_still_found_between_arbitrary_lines(
    name: str, before: str, after: str
) -> None:
    text = f"{before}\n{POSITIVE[name]}\n{after}"
    assert name in _names(text)


# The keyword pre-filter: which formats' keywords occur in a text decides which formats
# run, so it must find exactly the keywords a substring test finds, those inside or
# overlapping another keyword included.
KEYWORDS = sorted({k for f in provider_formats() for k in f.keywords})
KEYWORD_TEXT = st.lists(
    st.one_of(
        st.sampled_from(KEYWORDS),
        st.sampled_from(KEYWORDS).map(lambda k: k[1:]),  # a keyword's tail: overlaps
        st.sampled_from(KEYWORDS).map(lambda k: k[:-1]),  # and its head: almost one
        st.sampled_from(list(" \n._-=:/\"'é0a\ud800")),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(KEYWORD_TEXT)
def test_the_keyword_index_finds_what_a_substring_test_finds(text: str) -> None:
    index = KeywordIndex(KEYWORDS)
    assert index.scan(text) == {k for k in KEYWORDS if k in text}
