package dev.ticketing.examples.comdeall;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Reads a verified token's Hasura claims: the user is {@code x-hasura-user-id}, the role is {@code
 * x-hasura-default-role} (one of {@code x-hasura-allowed-roles}), as the authority {@code
 * ROLE_<role>} that {@code ticketing.roles.mapping} maps to an SDK role. A token without them is
 * refused like a token with a bad signature (401).
 */
final class HasuraClaims implements Converter<Jwt, AbstractAuthenticationToken> {

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    Object namespace = jwt.getClaims().get(TokenKeys.HASURA_CLAIMS);
    if (!(namespace instanceof Map<?, ?> claims)) {
      throw new InvalidBearerTokenException("the token carries no Hasura claims");
    }
    Object userId = claims.get("x-hasura-user-id");
    Object role = claims.get("x-hasura-default-role");
    Object allowed = claims.get("x-hasura-allowed-roles");
    if (!(userId instanceof String id)
        || id.isBlank()
        || !(role instanceof String defaultRole)
        || !(allowed instanceof Collection<?> roles)
        || !roles.contains(defaultRole)) {
      throw new InvalidBearerTokenException(
          "the token's Hasura claims name no user or no allowed role");
    }
    if (!id.equals(jwt.getSubject())) {
      throw new InvalidBearerTokenException("the token's subject and Hasura user differ");
    }
    return new JwtAuthenticationToken(
        jwt, List.of(new SimpleGrantedAuthority("ROLE_" + defaultRole)), id);
  }
}
