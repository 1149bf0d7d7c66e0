using System.DirectoryServices;
using System.DirectoryServices.Protocols;

namespace Directory
{
    public class UserLookup
    {
        private readonly DirectoryEntry _entry;
        private readonly LdapConnection _connection;

        public UserLookup(DirectoryEntry entry, LdapConnection connection)
        {
            _entry = entry;
            _connection = connection;
        }

        public SearchResult Find(string userName)
        {
            var searcher = new DirectorySearcher(_entry);
            // ruleid: csharp-ldap-filter-built-at-runtime
            searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + userName + "))";
            return searcher.FindOne();
        }

        public SearchResultCollection ByMail(string mail)
        {
            // ruleid: csharp-ldap-filter-built-at-runtime
            var searcher = new DirectorySearcher(_entry, $"(mail={mail})");
            return searcher.FindAll();
        }

        public SearchResponse Groups(string group)
        {
            // ruleid: csharp-ldap-filter-built-at-runtime
            var request = new SearchRequest("ou=groups,dc=corp,dc=local", string.Format("(cn={0})", group), SearchScope.Subtree);
            return (SearchResponse)_connection.SendRequest(request);
        }

        public SearchResult FindEscaped(string userName)
        {
            var searcher = new DirectorySearcher(_entry);
            // ok: csharp-ldap-filter-built-at-runtime
            searcher.Filter = "(&(objectClass=user)(sAMAccountName=" + LdapEscape(userName) + "))";
            return searcher.FindOne();
        }

        public SearchResultCollection AllUsers()
        {
            // ok: csharp-ldap-filter-built-at-runtime
            var searcher = new DirectorySearcher(_entry, "(objectClass=user)");
            return searcher.FindAll();
        }

        public SearchResponse Everyone()
        {
            // ok: csharp-ldap-filter-built-at-runtime
            var request = new SearchRequest("dc=corp,dc=local", "(objectClass=person)", SearchScope.Subtree);
            return (SearchResponse)_connection.SendRequest(request);
        }

        private static string LdapEscape(string value)
        {
            return value.Replace("\\", "\\5c").Replace("*", "\\2a").Replace("(", "\\28").Replace(")", "\\29").Replace("\0", "\\00");
        }
    }
}
