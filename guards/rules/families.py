"""How each grammar spells the things the `where` tests reason about.

Literals, strings and the substitutions inside them, binary operators, calls, the
formatting functions that build strings, assignments (as a query), and the nodes that
open a function scope. One record per grammar; the tests in guards.rules.predicates are
written once against it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["FAMILIES", "Family"]


@dataclass(frozen=True, slots=True)
class Family:
    """One grammar's vocabulary for the predicates."""

    constants: frozenset[str]
    strings: frozenset[str]  # string literals; constant unless they hold a substitution
    substitutions: frozenset[str]  # children of a string that substitute a value into it
    binaries: frozenset[str]
    parens: frozenset[str]
    sequences: frozenset[str]  # lists, arrays, tuples: constant when every item is
    calls: frozenset[str]
    format_calls: frozenset[str]  # functions and methods that build a string from values
    names: frozenset[str]  # nodes that name a variable
    assignments: str  # a query capturing @name and @value for each assignment
    scopes: frozenset[str]
    concat_operators: frozenset[str] = frozenset({"+"})
    request_input: str = r"(?!)"  # a regex naming where untrusted request input comes from
    safe_builders: str = (
        r"(?!)"  # receivers whose format() quotes what it inserts (psycopg sql.SQL)
    )
    # a line that visibly checks a value: when such a line names a variable between its
    # assignment and a use, `from_request` takes the value at that use as validated
    validators: str = r"(?!)"


def _f(*names: str) -> frozenset[str]:
    return frozenset(names)


_PYTHON = Family(
    constants=_f("integer", "float", "true", "false", "none", "ellipsis"),
    strings=_f("string", "concatenated_string"),
    substitutions=_f("interpolation"),
    binaries=_f("binary_operator"),
    parens=_f("parenthesized_expression"),
    sequences=_f("list", "tuple", "concatenated_string"),
    calls=_f("call"),
    format_calls=_f("format", "format_map", "join"),
    names=_f("identifier"),
    assignments="""
        (assignment
          left: [(identifier) (pattern_list) (tuple_pattern) (list_pattern)] @name
          right: (_) @value)
        (augmented_assignment left: (identifier) @name right: (_) @value)
        (named_expression name: (identifier) @name value: (_) @value)
        (for_statement left: (_) @name right: (_) @value)
    """,
    scopes=_f("function_definition", "lambda"),
    safe_builders=r"^(psycopg2?\.)?(sql\.)?SQL\(",
    request_input=(
        r"\brequest\.(args|form|values|json|get_json|data|files"
        r"|cookies|headers|GET|POST|body|query_params|path_params)\b"
        r"|\bsys\.argv\b|\binput\("
    ),
    validators=(
        r"\.(startswith|is_relative_to|relative_to|fullmatch)\(|\bcommonpath\("
        r"|\.(hostname|netloc)\b|\burl_has_allowed_host_and_scheme\(|\bre\.(match|fullmatch)\("
        r"|\bvalidators\.|\bin\s+[A-Z][A-Z0-9_]*\b|\b[A-Z][A-Z0-9_]*\.get\("
        r"|(?i:\b(is_?safe|is_?valid|is_?allowed|validate|sanitiz|allow_?list|white_?list"
        r"|allowed_)\w*)"
    ),
)
_JS = Family(
    constants=_f("number", "true", "false", "null", "undefined", "regex"),
    strings=_f("string", "template_string"),
    substitutions=_f("template_substitution"),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("array"),
    calls=_f("call_expression"),
    format_calls=_f("concat", "join", "replace", "format"),
    names=_f("identifier"),
    assignments="""
        (variable_declarator
          name: [(identifier) (object_pattern) (array_pattern)] @name value: (_) @value)
        (assignment_expression
          left: [(identifier) (object_pattern) (array_pattern)] @name right: (_) @value)
        (augmented_assignment_expression left: (identifier) @name right: (_) @value)
        (for_in_statement
          left: [(identifier) (object_pattern) (array_pattern)] @name right: (_) @value)
    """,
    scopes=_f(
        "function_declaration",
        "function_expression",
        "function",
        "arrow_function",
        "method_definition",
        "generator_function_declaration",
        "generator_function",
    ),
    request_input=(
        r"\b(req|request)\.(query|body|params|headers|cookies|url)\b"
        r"|\bctx\.(query|params|request)\b|\bprocess\.argv\b"
        r"|\blocation\.(search|hash|href)\b|\bURLSearchParams\b"
    ),
    validators=(
        r"\.(startsWith|test)\(|\.(hostname|origin)\b|\bisPathInside\(|\bpath\.relative\("
        r"|\.includes\(\s*[\"'`]\.\.|\b[A-Z][A-Z0-9_]*(\.(has|includes|get)\(|\[)"
        r"|(?i:\b(is_?safe|is_?valid|is_?allowed|validate|sanitiz|allow_?list|white_?list"
        r"|allowed_?)\w*)"
    ),
)
_JAVA = Family(
    constants=_f(
        "decimal_integer_literal",
        "hex_integer_literal",
        "octal_integer_literal",
        "binary_integer_literal",
        "decimal_floating_point_literal",
        "true",
        "false",
        "null_literal",
        "character_literal",
    ),
    strings=_f("string_literal", "text_block"),
    substitutions=_f("string_interpolation"),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("array_initializer"),
    calls=_f("method_invocation"),
    format_calls=_f("format", "formatted", "concat", "join", "append", "valueOf"),
    names=_f("identifier"),
    assignments="""
        (variable_declarator name: (identifier) @name value: (_) @value)
        (assignment_expression left: (identifier) @name right: (_) @value)
    """,
    scopes=_f("method_declaration", "constructor_declaration", "lambda_expression"),
    request_input=(
        r"\.get(Parameter|ParameterValues|Header|QueryString"
        r"|InputStream|Cookies|Reader)\(|@(RequestParam|PathVariable"
        r"|RequestBody|QueryParam)\b"
    ),
    # an XML factory or parser hardened against DTDs / external entities between its
    # creation and its use (java-xml-parser-external-entities follows parsers to factories)
    validators=(
        r"\.set(?:Feature|Property|Attribute)\([^;]{0,200}?(?:"
        r"(?:disallow-doctype-decl\"|DISALLOW_DOCTYPE\w*)\s*,\s*(?:true|Boolean\.TRUE)\b"
        r"|(?:external-general-entities\"|EXTERNAL_GENERAL_ENTITIES\w*)\s*,\s*(?:false|Boolean\.FALSE)\b"
        r"|FEATURE_SECURE_PROCESSING\s*,\s*(?:true|Boolean\.TRUE)\b"
        r"|ACCESS_EXTERNAL_(?:DTD|SCHEMA|STYLESHEET)\s*,\s*\"\""
        r"|(?:IS_SUPPORTING_EXTERNAL_ENTITIES|SUPPORT_DTD|isSupportingExternalEntities\"|supportDTD\")"
        r"\s*,\s*(?:false|Boolean\.FALSE)\b)"
        r"|\.set(?:EntityResolver|XMLResolver)\("
    ),
)
_GO = Family(
    constants=_f("int_literal", "float_literal", "true", "false", "nil", "rune_literal", "iota"),
    strings=_f("interpreted_string_literal", "raw_string_literal"),
    substitutions=_f(),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f(),
    calls=_f("call_expression"),
    format_calls=_f("Sprintf", "Sprint", "Sprintln", "Join", "Replace", "ReplaceAll", "Concat"),
    names=_f("identifier"),
    assignments="""
        (short_var_declaration left: (expression_list . (identifier) @name)
                               right: (expression_list . (_) @value))
        (var_spec name: (identifier) @name value: (expression_list . (_) @value))
        (const_spec name: (identifier) @name value: (expression_list . (_) @value))
        (assignment_statement left: (expression_list . (identifier) @name)
                              right: (expression_list . (_) @value))
    """,
    scopes=_f("function_declaration", "method_declaration", "func_literal"),
    request_input=(
        r"\br\.(URL\.Query|FormValue|PostFormValue|Form|PostForm"
        r"|Header|Body|URL\.Path)\b|\.Query\(\)\.Get\(|\bc\.(Query"
        r"|Param|PostForm|DefaultQuery)\(|\bos\.Args\b"
    ),
)
_C_ASSIGNMENTS = """
    (init_declarator declarator: (identifier) @name value: (_) @value)
    (init_declarator declarator: (pointer_declarator declarator: (identifier) @name)
                     value: (_) @value)
    (init_declarator declarator: (array_declarator declarator: (identifier) @name)
                     value: (_) @value)
    (assignment_expression left: (identifier) @name right: (_) @value)
    (update_expression argument: (identifier) @name) @value
"""
_C = Family(
    constants=_f("number_literal", "char_literal", "true", "false", "null"),
    strings=_f("string_literal", "concatenated_string", "raw_string_literal"),
    substitutions=_f(),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("initializer_list", "concatenated_string"),
    calls=_f("call_expression"),
    format_calls=_f("sprintf", "snprintf", "asprintf", "strcat", "strncat", "format", "append"),
    names=_f("identifier"),
    assignments=_C_ASSIGNMENTS,
    scopes=_f("function_definition", "lambda_expression"),
    request_input=(
        r"\bargv\b|\bgetenv\s*\(|\bfgets\s*\(|\bscanf\s*\(|\brecv\s*\("
        r"|\bgets\s*\("
    ),
)
_CPP = Family(
    constants=_C.constants | _f("nullptr"),
    strings=_C.strings,
    substitutions=_f(),
    binaries=_C.binaries,
    parens=_C.parens,
    sequences=_C.sequences,
    calls=_C.calls,
    format_calls=_C.format_calls | _f("str", "to_string"),
    names=_f("identifier"),
    assignments=_C_ASSIGNMENTS,
    scopes=_C.scopes,
    concat_operators=_f("+", "<<"),
    request_input=_C.request_input,
)
_CSHARP = Family(
    constants=_f(
        "integer_literal",
        "real_literal",
        "boolean_literal",
        "null_literal",
        "character_literal",
    ),
    strings=_f(
        "string_literal",
        "verbatim_string_literal",
        "raw_string_literal",
        "interpolated_string_expression",
    ),
    substitutions=_f("interpolation"),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("initializer_expression"),
    calls=_f("invocation_expression"),
    format_calls=_f("Format", "Concat", "Join", "Append", "AppendFormat", "Replace"),
    names=_f("identifier"),
    # Model binding fills a web action's parameters from the request, so each parameter
    # (not a number, flag, id or injected service) is "assigned" the marker that makes it
    # request input, and request_input names those markers: an [Http*]/[Route] attribute
    # or an action-result return type on its method, a Razor Pages OnGet/OnPost handler
    # name, a minimal-API MapGet/MapPost call, its own [From*]/[Bind] attribute, IFormFile.
    assignments=(
        r"""
        (variable_declarator name: (identifier) @name (_) @value)
        (assignment_expression left: (identifier) @name right: (_) @value)
        ([(method_declaration
            [(attribute_list) @value type: (_) @value name: (identifier) @value]
            parameters: (parameter_list
              (parameter type: (_) @type name: (identifier) @name) @p))
          (local_function_statement
            [(attribute_list) @value type: (_) @value name: (identifier) @value]
            parameters: (parameter_list
              (parameter type: (_) @type name: (identifier) @name) @p))
          (invocation_expression
            function: (member_access_expression name: (identifier) @value)
            arguments: (argument_list (argument (lambda_expression
              parameters: (parameter_list
                (parameter type: (_) @type name: (identifier) @name) @p)))))]
          (#match? @value "^\\[\\s*(Http(Get|Post|Put|Delete|Patch)|Route|AcceptVerbs)\\b"""
        r"""|^(Task<)?(I?ActionResult|IHttpActionResult|IResult|JsonResult|(Partial)?ViewResult"""
        r"""|ContentResult|File(Content|Stream)?Result|PhysicalFileResult|RedirectResult"""
        r"""|PageResult)\\b|^On(Get|Post|Put|Delete|Patch)(Async)?$"""
        r"""|^Map(Get|Post|Put|Delete|Patch|Methods)$")
          (#not-match? @type "^(u?int|u?long|u?short|s?byte|bool|decimal|double|float"""
        r"""|Guid|DateTime|DateTimeOffset|CancellationToken)\\??$")
          (#not-match? @p "^\\[\\s*(Bind|FromServices)\\b"))
        (parameter [(attribute_list) @value type: (identifier) @value] name: (identifier) @name
          (#match? @value "^\\[\\s*(From(Query|Body|Form|Route|Header)|Bind)\\b"""
        r"""|^IForm(File|FileCollection|Collection)$"))
        """
    ),
    scopes=_f(
        "method_declaration",
        "constructor_declaration",
        "lambda_expression",
        "local_function_statement",
    ),
    request_input=(
        r"\bRequest\s*(\.\s*(Query|Form|QueryString|Params|Headers|Cookies|Body|RouteValues"
        r"|Files|UrlReferrer|RawUrl|ServerVariables|InputStream)\b|\[)"
        r"|\b(req|request)\.(Query|Form|QueryString|Cookies|RouteValues|Params)\b"
        r"|^\[\s*(Http(Get|Post|Put|Delete|Patch)|Route|AcceptVerbs"
        r"|From(Query|Body|Form|Route|Header)|Bind)\b"
        r"|^(Task<)?(I?ActionResult|IHttpActionResult|IResult|JsonResult|(Partial)?ViewResult"
        r"|ContentResult|File(Content|Stream)?Result|PhysicalFileResult|RedirectResult"
        r"|PageResult)\b|^On(Get|Post|Put|Delete|Patch)(Async)?$"
        r"|^Map(Get|Post|Put|Delete|Patch|Methods)$|^IForm(File|FileCollection|Collection)$"
    ),
    validators=(
        r"\bPath\.(GetFileName|GetFileNameWithoutExtension|GetExtension)\(|\.StartsWith\("
        r"|\bIsPathRooted\(|\"https?://[\w.-]+(:\d+)?/"
        r"|\bGetInvalid(File)?(Name|Path)Chars\(|\.Contains\(\s*\"\.\.\"|\bIsLocalUrl\("
        r"|\bIsWellFormedUriString\(|\.IsMatch\(|\.Host\b|\.(ContainsKey|TryGetValue)\("
        r"|\b[A-Z_]\w*\.Contains\(|\.XmlResolver\s*=\s*null\b"
        r"|\b(Uri\.EscapeDataString|HttpUtility\.UrlEncode|WebUtility\.UrlEncode)\("
        r"|(?i:\b(is_?safe|is_?allowed|allow_?list|white_?list|allowed_?)\w*)"
    ),
)
_PHP = Family(
    constants=_f("integer", "float", "boolean", "null"),
    strings=_f("string", "encapsed_string", "heredoc", "nowdoc", "heredoc_body"),
    substitutions=_f(
        "variable_name", "member_access_expression", "subscript_expression", "dynamic_variable_name"
    ),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("array_creation_expression"),
    calls=_f("function_call_expression", "member_call_expression", "scoped_call_expression"),
    format_calls=_f("sprintf", "vsprintf", "implode", "join", "str_replace", "strtr"),
    names=_f("variable_name"),
    assignments="""
        (assignment_expression left: (variable_name) @name right: (_) @value)
        (augmented_assignment_expression left: (variable_name) @name right: (_) @value)
    """,
    scopes=_f("function_definition", "method_declaration", "anonymous_function", "arrow_function"),
    concat_operators=_f(".", "+"),
    request_input=(
        r"\$_(GET|POST|REQUEST|COOKIE|SERVER|FILES)\b"
        r"|\$request->(input|get|query|post|all)\("
    ),
)
_RUBY = Family(
    constants=_f("integer", "float", "true", "false", "nil", "simple_symbol", "character"),
    strings=_f("string", "heredoc_body", "string_array"),
    substitutions=_f("interpolation"),
    binaries=_f("binary"),
    parens=_f("parenthesized_statements"),
    sequences=_f("array"),
    calls=_f("call"),
    format_calls=_f("format", "sprintf", "join", "gsub", "sub"),
    names=_f("identifier", "instance_variable"),
    assignments="""
        (assignment left: (identifier) @name right: (_) @value)
        (operator_assignment left: (identifier) @name right: (_) @value)
    """,
    scopes=_f("method", "singleton_method", "lambda", "block", "do_block"),
    concat_operators=_f("+", "<<"),
    request_input=(
        r"\bparams\[|\brequest\.(params|query_string|body)\b|\bARGV\b"
        r"|\bgets\b"
    ),
)
_RUST = Family(
    constants=_f("integer_literal", "float_literal", "boolean_literal", "char_literal"),
    strings=_f("string_literal", "raw_string_literal"),
    substitutions=_f(),
    binaries=_f("binary_expression"),
    parens=_f("parenthesized_expression"),
    sequences=_f("array_expression", "tuple_expression"),
    calls=_f("call_expression", "macro_invocation"),
    format_calls=_f("format", "concat", "join", "push_str", "replace"),
    names=_f("identifier"),
    assignments="""
        (let_declaration pattern: (identifier) @name value: (_) @value)
        (assignment_expression left: (identifier) @name right: (_) @value)
        (const_item name: (identifier) @name value: (_) @value)
    """,
    scopes=_f("function_item", "closure_expression"),
    request_input=(
        r"\benv::args\b|\b(Query|Json|Path|Form)<|\breq\.(query|param"
        r"|match_info)\b"
    ),
)
_BASH = Family(
    constants=_f("number", "raw_string", "word"),
    strings=_f("string", "concatenation"),
    substitutions=_f(
        "simple_expansion",
        "expansion",
        "command_substitution",
        "arithmetic_expansion",
        "process_substitution",
    ),
    binaries=_f(),
    parens=_f(),
    sequences=_f("array"),
    calls=_f("command"),
    format_calls=_f("printf"),
    names=_f("simple_expansion", "expansion", "variable_name"),
    assignments="""
        (variable_assignment name: (variable_name) @name value: (_) @value)
    """,
    scopes=_f("function_definition"),
    request_input=(r"\$\{?[1-9@*]|\bread\s"),
)

FAMILIES: dict[str, Family] = {
    "python": _PYTHON,
    "javascript": _JS,
    "typescript": _JS,
    "tsx": _JS,
    "java": _JAVA,
    "go": _GO,
    "c": _C,
    "cpp": _CPP,
    "csharp": _CSHARP,
    "php": _PHP,
    "php_only": _PHP,
    "ruby": _RUBY,
    "rust": _RUST,
    "bash": _BASH,
}
"""The family of every grammar in guards.languages.LANGUAGES."""
