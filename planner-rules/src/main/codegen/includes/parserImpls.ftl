<#-- Sibyl's statements: CREATE [OR REPLACE] MODEL [IF NOT EXISTS] name [TRANSFORM (...)]
     WITH (...) AS query, and DROP MODEL [IF EXISTS]. -->

SqlCreate SqlCreateModel(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier id;
    SqlNodeList transform = null;
    final SqlNodeList modelOptions;
    final SqlNode query;
}
{
    <MODEL>
    [ LOOKAHEAD(3) <IF> <NOT> <EXISTS> { ifNotExists = true; } ]
    id = CompoundIdentifier()
    [ transform = ModelTransformList() ]
    <WITH> modelOptions = ModelOptionList()
    <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateModel(s.end(this), replace, ifNotExists, id, transform,
            modelOptions, query);
    }
}

<#-- TRANSFORM (expr [AS] feature, ...): parsed like a select list; checked when prepared. -->
SqlNodeList ModelTransformList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <TRANSFORM> <LPAREN> { s = span(); }
    AddSelectItem(list)
    ( <COMMA> AddSelectItem(list) )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

SqlNodeList ModelOptionList() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
    SqlNode option;
}
{
    <LPAREN> { s = span(); }
    option = ModelOption() { list.add(option); }
    (
        <COMMA> option = ModelOption() { list.add(option); }
    )*
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

SqlNode ModelOption() :
{
    final SqlIdentifier key;
    final SqlNode value;
}
{
    key = SimpleIdentifier() <EQ> value = Literal()
    {
        return new SqlNodeList(java.util.Arrays.asList(key, value), key.getParserPosition());
    }
}

SqlDrop SqlDropModel(Span s, boolean replace) :
{
    boolean ifExists = false;
    final SqlIdentifier id;
}
{
    <MODEL>
    [ LOOKAHEAD(2) <IF> <EXISTS> { ifExists = true; } ]
    id = CompoundIdentifier()
    {
        return new SqlDropModel(s.end(this), ifExists, id);
    }
}
